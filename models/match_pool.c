/* models/match_pool.c: the pairs the restricted group model starts with (docs/formulation.md,
 * "The first set"): the first groups' pairs, every local candidate and the current memberships;
 * and, when the instance has current memberships (a repair), for every county also its best
 * candidates by score overall, as leader, among the partner-province candidates, and for each
 * industry and stage it needs. The pricing adds whatever else the LP asks for. From scratch,
 * the first groups alone start fastest (the first basis prices them well; more pairs only make
 * every LP longer); a repair's settled groups, locked, start slower without the best
 * candidates: pricing then adds about ten pairs to every county. */
#include "match_model.h"

/* How many of each kind per county (measured on the bench instances; see bench/RESULTS.md). */
enum { POOL_BEST = 3, POOL_LEAD = 3, POOL_PAIRED = 2, POOL_COVER = 1 };

/* Mark the first `want` candidates in `order` that pass `keep`. */
typedef int (*keep_fn)(const am_cand *cd, int what);

static void take_best(const match_model *m, const long long *order, long long n, keep_fn keep,
                      int what, int want, unsigned char *active)
{
    for (long long i = 0; i < n && want > 0; i++)
        if (keep(&m->cands->cands[order[i]], what)) {
            active[order[i]] = 1;
            want--;
        }
}

static int any(const am_cand *cd, int what) { return (void)cd, (void)what, 1; }
static int has_flag(const am_cand *cd, int flag) { return (cd->flags & (unsigned)flag) != 0; }
static int covers_industry(const am_cand *cd, int i) { return (int)(cd->industries >> i & 1); }
static int covers_stage(const am_cand *cd, int s) { return (int)(cd->stages >> s & 1); }

am_status match_pool(const match_model *m, const unsigned char *chosen, unsigned char **out,
                     am_error *err)
{
    long long np = m->cands->n_pairs;
    unsigned char *active = AM_ARENA_ARRAY(m->arena, unsigned char, np + 1);
    if (!active)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory choosing the first pairs");
    for (int c = 0; c < m->cands->n_counties; c++) {
        const am_county *cy = am_instance_county(m->inst, c);
        long long first = m->cands->start[c], n = m->cands->start[c + 1] - first;
        const long long *order = m->rank + first;
        for (long long i = 0; i < n; i++) {
            const am_cand *cd = &m->cands->cands[first + i];
            active[first + i] = chosen[first + i] || (cd->flags & AM_CAND_LOCAL) ||
                                (m->keep_bonus && m->keep_bonus[first + i]) ||
                                (m->lock && m->lock[first + i]);
        }
        if (am_instance_n_current(m->inst) == 0)
            continue;
        take_best(m, order, n, any, 0, POOL_BEST, active);
        take_best(m, order, n, has_flag, AM_CAND_CAN_LEAD, POOL_LEAD, active);
        take_best(m, order, n, has_flag, AM_CAND_PAIRED, POOL_PAIRED, active);
        for (int i = 0; i < cy->n_industries && i < 64; i++)
            take_best(m, order, n, covers_industry, i, POOL_COVER, active);
        for (int s = 0; s < AM_N_STAGES; s++)
            if (cy->stages >> s & 1)
                take_best(m, order, n, covers_stage, s, POOL_COVER, active);
    }
    *out = active;
    return AM_OK;
}
