/* adapters/gen/gen_calendar.c: the scheduling side of a generated instance: the 2026 calendar
 * (official days off shipped with advmatch), experts' busy periods (travel, field seasons,
 * teaching) and counties' blackout weeks (planting and harvest). Drawn from a stream of its own,
 * so that adding it left the counties and experts of every seed unchanged. */
#include "gen_world.h"

#define GEN_YEAR 2026

/* A range of `min_len`..`max_len` days starting between from and to. */
static am_range draw_range(gen_rng *r, am_date from, am_date to, int min_len, int max_len)
{
    am_date start = from + gen_rng_below(r, to - from + 1);
    return (am_range){start, start + gen_rng_range(r, min_len, max_len) - 1};
}

am_status gen_world_calendar(gen_world *w, uint64_t seed, am_error *err)
{
    gen_rng r;
    gen_rng_seed(&r, seed ^ 0x63616c656e646172ULL);
    am_date feb1 = am_date_from_ymd(GEN_YEAR, 2, 1), dec10 = am_date_from_ymd(GEN_YEAR, 12, 10);
    for (int i = 0; i < w->n_experts; i++) {
        am_expert_rec *e = &w->experts[i];
        /* National experts travel more; about 4 in 10 experts have some busy period. */
        int pct = e->level == AM_LEVEL_NATIONAL ? 70 : 40;
        if (!gen_rng_pct(&r, pct))
            continue;
        int n = gen_rng_range(&r, 1, 3);
        am_range *v = AM_ARENA_ARRAY(w->a, am_range, n);
        if (!v)
            return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory generating calendars");
        for (int k = 0; k < n; k++)
            v[k] = draw_range(&r, feb1, dec10, 3, 21);
        e->unavailable = v;
        e->n_unavailable = n;
    }
    for (int i = 0; i < w->n_counties; i++) {
        gen_county *c = &w->counties[i];
        if (!gen_rng_pct(&r, 15))
            continue;
        am_range *v = AM_ARENA_ARRAY(w->a, am_range, 1);
        if (!v)
            return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory generating calendars");
        /* spring planting (April) or autumn harvest (mid September to October) */
        v[0] = gen_rng_pct(&r, 40)
                   ? draw_range(&r, am_date_from_ymd(GEN_YEAR, 4, 1),
                                am_date_from_ymd(GEN_YEAR, 4, 20), 10, 21)
                   : draw_range(&r, am_date_from_ymd(GEN_YEAR, 9, 10),
                                am_date_from_ymd(GEN_YEAR, 10, 10), 14, 28);
        c->blackout = v;
        c->n_blackout = 1;
    }
    am_calendar_rec_init(&w->calendar);
    w->calendar.year = GEN_YEAR;
    return AM_OK;
}
