/* models/match_rank.c: every county's candidates ranked once by their objective coefficient
 * (score plus keep bonus; the lower expert index first on ties), and every pair of every county
 * in one such order (ties: the lower county first), for the greedy and the first pairs of the
 * fast path, which read these orders many times. */
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

static int cmp_merged(const void *a, const void *b)
{
    const ranked *x = a, *y = b; /* obj, then position in m->rank (kept in k's place) */
    if (x->obj != y->obj)
        return x->obj < y->obj ? 1 : -1;
    return (x->k > y->k) - (x->k < y->k);
}

/* m->order by sorting: objective best first, then position in m->rank. */
static am_status order_sorted(match_model *m, am_error *err)
{
    long long np = m->cands->n_pairs;
    ranked *all = AM_ARENA_ARRAY(m->arena, ranked, np + 1);
    if (!m->order || !all)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory ranking the candidates");
    for (long long i = 0; i < np; i++)
        all[i] = (ranked){match_pair_objective(m, m->rank[i]), 0, i};
    qsort(all, (size_t)np, sizeof *all, cmp_merged);
    for (long long i = 0; i < np; i++)
        m->order[i] = m->rank[all[i].k];
    return AM_OK;
}

/* m->order: the counties' ranks merged by objective, a counting sort (stable: county order,
 * then rank order within a county) over the objective's range [lo, hi]. */
static am_status order_all(match_model *m, long long lo, long long hi, am_error *err)
{
    long long np = m->cands->n_pairs;
    long long range = hi - lo + 1;
    m->order = AM_ARENA_ARRAY(m->arena, long long, np + 1);
    if (range > 4 * np + (1 << 16)) /* a huge keep bonus: sort instead of counting */
        return order_sorted(m, err);
    long long *next = AM_ARENA_ARRAY(m->arena, long long, range + 1); /* zeroed */
    if (!m->order || !next)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory ranking the candidates");
    for (long long k = 0; k < np; k++) /* best first: bucket hi - o */
        next[hi - match_pair_objective(m, k)]++;
    for (long long b = 0, at = 0; b < range; b++) {
        long long n = next[b];
        next[b] = at;
        at += n;
    }
    for (long long i = 0; i < np; i++) { /* m->rank lists county 0 first, each county best first */
        long long k = m->rank[i];
        m->order[next[hi - match_pair_objective(m, k)]++] = k;
    }
    return AM_OK;
}

/* County c's candidates into m->rank by counting over the objective's range [lo, hi] (`count`:
 * range + 1 zeroed slots, left zeroed), best first; the candidates come in expert order, and
 * the counting keeps it among equals. False (nothing written) when they do not. */
static bool rank_counted(match_model *m, int c, long long lo, long long hi, long long *count)
{
    long long first = m->cands->start[c], n = m->cands->start[c + 1] - first;
    for (long long i = 1; i < n; i++)
        if (m->cands->cands[first + i].expert <= m->cands->cands[first + i - 1].expert)
            return false;
    for (long long i = 0; i < n; i++)
        count[hi - match_pair_objective(m, first + i) + 1]++;
    for (long long b = 1; b <= hi - lo + 1; b++)
        count[b] += count[b - 1];
    for (long long i = 0; i < n; i++)
        m->rank[first + count[hi - match_pair_objective(m, first + i)]++] = first + i;
    for (long long b = 0; b <= hi - lo + 1; b++)
        count[b] = 0;
    return true;
}

am_status match_rank(match_model *m, am_error *err)
{
    long long np = m->cands->n_pairs, most = 0, lo = 0, hi = 0;
    for (int c = 0; c < m->cands->n_counties; c++)
        if (m->cands->start[c + 1] - m->cands->start[c] > most)
            most = m->cands->start[c + 1] - m->cands->start[c];
    for (long long k = 0; k < np; k++) {
        long long o = match_pair_objective(m, k);
        lo = k == 0 || o < lo ? o : lo;
        hi = k == 0 || o > hi ? o : hi;
    }
    /* counting per county pays while the range is small against a county's candidates */
    bool counting = hi - lo < 4096;
    m->rank = AM_ARENA_ARRAY(m->arena, long long, np + 1);
    m->pair_county = AM_ARENA_ARRAY(m->arena, int, np + 1);
    ranked *order = AM_ARENA_ARRAY(m->arena, ranked, most + 1);
    long long *count = counting ? AM_ARENA_ARRAY(m->arena, long long, hi - lo + 2) : NULL;
    if (!m->rank || !m->pair_county || !order || (counting && !count))
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory ranking the candidates");
    for (int c = 0; c < m->cands->n_counties; c++) {
        long long first = m->cands->start[c], n = m->cands->start[c + 1] - first;
        for (long long i = 0; i < n; i++)
            m->pair_county[first + i] = c;
        if (counting && rank_counted(m, c, lo, hi, count))
            continue;
        for (long long i = 0; i < n; i++)
            order[i] = (ranked){match_pair_objective(m, first + i),
                                m->cands->cands[first + i].expert, first + i};
        qsort(order, (size_t)n, sizeof *order, cmp_desc);
        for (long long i = 0; i < n; i++)
            m->rank[first + i] = order[i].k;
    }
    return order_all(m, lo, hi, err);
}
