/* models/match_rank.c: every county's candidates ranked once by their objective coefficient
 * (score plus keep bonus; the lower expert index first on ties), for the greedy and the first
 * pairs of the fast path, which read this order many times. */
#include <stdlib.h>

#include "match_model.h"

typedef struct ranked {
    long long obj;
    int expert;
    long long k;
} ranked;

static int cmp_desc(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->obj != y->obj)
        return x->obj < y->obj ? 1 : -1;
    return (x->expert > y->expert) - (x->expert < y->expert);
}

am_status match_rank(match_model *m, am_error *err)
{
    long long np = m->cands->n_pairs, most = 0;
    for (int c = 0; c < m->cands->n_counties; c++)
        if (m->cands->start[c + 1] - m->cands->start[c] > most)
            most = m->cands->start[c + 1] - m->cands->start[c];
    m->rank = AM_ARENA_ARRAY(m->arena, long long, np + 1);
    ranked *order = AM_ARENA_ARRAY(m->arena, ranked, most + 1);
    if (!m->rank || !order)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory ranking the candidates");
    for (int c = 0; c < m->cands->n_counties; c++) {
        long long first = m->cands->start[c], n = m->cands->start[c + 1] - first;
        for (long long i = 0; i < n; i++)
            order[i] = (ranked){match_pair_objective(m, first + i),
                                m->cands->cands[first + i].expert, first + i};
        qsort(order, (size_t)n, sizeof *order, cmp_desc);
        for (long long i = 0; i < n; i++)
            m->rank[first + i] = order[i].k;
    }
    return AM_OK;
}
