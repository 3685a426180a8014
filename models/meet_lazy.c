/* models/meet_lazy.c: row generation for the meeting model. The province-cap and spacing
 * families are large (one spacing row per shared expert and week) but few of their rows ever
 * bind, so the solver starts from the count rows alone; after each solve the rows the solution
 * violates are found here and added, until none is. docs/formulation.md ("Meetings", "Row
 * generation") has the argument why the result is optimal for the full model. */
#include <stdlib.h>
#include <string.h>

#include "meet_model.h"

/* Values below this are zero; rows are violated by more than this. */
#define MEET_EPS 1e-6

/* Index of day d in gh's ascending days, or -1. */
static int day_index(const meet_gh *g, am_date d)
{
    int lo = 0, hi = g->n_days - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (g->days[mid] == d)
            return mid;
        if (g->days[mid] < d)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* Add LP column of full-model column `global` to the row being built, if the model has it. */
static am_status add_entry(meet_model *m, int global, int *n, am_error *err)
{
    int col = m->lp_of[global];
    if (col < 0)
        return AM_OK;
    ++*n;
    return am_lp_row_add(m->lp, col, 1.0, err);
}

am_status meet_emit_lazy(meet_model *m, int z_idx, am_error *err)
{
    const meet_lazy *z = &m->lazy[z_idx];
    am_status st = AM_OK;
    int n = 0;
    m->lazy_row[z_idx] = -1;
    am_lp_row_begin(m->lp);
    if (z->family == MER_CAP) {
        for (int i = 0; i < m->n_counties * AM_N_HALVES; i++) {
            const meet_gh *g = &m->gh[i];
            if (g->r == 0 || am_instance_county(m->inst, g->county)->province != z->who)
                continue;
            int k = day_index(g, z->date);
            if (k >= 0)
                AM_TRY(add_entry(m, g->cols[k], &n, err));
        }
    } else {
        for (int q = m->eg_start[z->who]; q < m->eg_start[z->who + 1]; q++)
            for (int h = 0; h < AM_N_HALVES; h++) {
                const meet_gh *g = &m->gh[m->eg_list[q] * AM_N_HALVES + h];
                for (int k = 0; k < g->n_days && g->r > 0; k++)
                    if (g->days[k] >= z->date && g->days[k] <= z->date + 6 &&
                        meet_available(m->inst, z->who, g->days[k]))
                        AM_TRY(add_entry(m, g->cols[k], &n, err));
            }
    }
    if (n == 0)
        return AM_OK; /* none of its days is in the model: the row cannot bind yet */
    double rhs = z->family == MER_CAP
                     ? m->cap_left[(long long)z->who * m->span + (z->date - m->day0)]
                     : 1.0;
    m->lazy_row[z_idx] = am_lp_n_rows(m->lp);
    AM_TRY(meet_note_row(m, (meet_row_family)z->family, z->who, -1, z->date, err));
    AM_TRY(am_lp_row_end(m->lp, AM_LP_LE, rhs, rhs, err));
done:
    return st;
}

am_status meet_mark_coupled(meet_model *m, am_error *err)
{
    int n = m->n_counties * AM_N_HALVES;
    if (!m->coupled && !(m->coupled = AM_ARENA_ARRAY(m->arena, unsigned char, n + 1)))
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory planning meetings");
    memset(m->coupled, 0, (size_t)n);
    for (int z = 0; z < m->n_lazy; z++) {
        const meet_lazy *r = &m->lazy[z];
        if (r->family == MER_CAP) {
            for (int i = 0; i < n; i++)
                if (m->gh[i].r > 0 && am_instance_county(m->inst, m->gh[i].county)->province ==
                                          r->who && day_index(&m->gh[i], r->date) >= 0)
                    m->coupled[i] = 1;
            continue;
        }
        for (int q = m->eg_start[r->who]; q < m->eg_start[r->who + 1]; q++)
            for (int h = 0; h < AM_N_HALVES; h++) {
                int i = m->eg_list[q] * AM_N_HALVES + h;
                for (int k = 0; k < m->gh[i].n_days && m->gh[i].r > 0 && !m->coupled[i]; k++)
                    if (m->gh[i].days[k] >= r->date && m->gh[i].days[k] <= r->date + 6 &&
                        meet_available(m->inst, r->who, m->gh[i].days[k]))
                        m->coupled[i] = 1;
            }
    }
    return AM_OK;
}

static am_status add_lazy(meet_model *m, meet_row_family f, int who, am_date d, int *n_new,
                          am_error *err)
{
    if (am_arena_grow(m->arena, (void **)&m->lazy, &m->cap_lazy, (size_t)m->n_lazy + 1,
                      sizeof(meet_lazy), _Alignof(meet_lazy)) != 0)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory adding meeting rows");
    m->lazy[m->n_lazy++] = (meet_lazy){(unsigned char)f, who, d};
    ++*n_new;
    return AM_OK;
}

am_status meet_lazy_province(meet_model *m, int p, int *n_new, am_error *err)
{
    int *count = AM_ARENA_ARRAY(m->arena, int, m->span + 1);
    if (!count)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory adding meeting rows");
    for (int i = 0; i < m->n_counties * AM_N_HALVES; i++) {
        const meet_gh *g = &m->gh[i];
        if (g->r > 0 && am_instance_county(m->inst, g->county)->province == p)
            for (int k = 0; k < g->n_days; k++)
                count[g->days[k] - m->day0]++;
    }
    for (int t = 0; t < m->span; t++)
        if (count[t] > m->cap_left[(long long)p * m->span + t]) {
            am_status st = add_lazy(m, MER_CAP, p, m->day0 + t, n_new, err);
            if (st != AM_OK)
                return st;
        }
    return AM_OK;
}

am_status meet_lazy_expert(meet_model *m, int e, int *n_new, am_error *err)
{
    if (m->eg_start[e + 1] - m->eg_start[e] < 2)
        return AM_OK;
    /* the group (index into e's list, +1) holding each day on which e could attend: 0 none,
     * -1 two or more */
    int *who = AM_ARENA_ARRAY(m->arena, int, m->span + 1);
    if (!who)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory adding meeting rows");
    for (int q = m->eg_start[e]; q < m->eg_start[e + 1]; q++)
        for (int h = 0; h < AM_N_HALVES; h++) {
            const meet_gh *g = &m->gh[m->eg_list[q] * AM_N_HALVES + h];
            for (int k = 0; k < g->n_days && g->r > 0; k++) {
                if (!meet_available(m->inst, e, g->days[k]))
                    continue;
                int *w = &who[g->days[k] - m->day0];
                *w = *w == 0 || *w == q + 1 ? q + 1 : -1;
            }
        }
    /* windows [t, t+6] starting on a day with a candidate, holding two groups, and reaching
     * past the end of the last window added (else it lies inside it) */
    int last_end = -1;
    for (int t = 0; t < m->span; t++) {
        if (who[t] == 0)
            continue;
        int first = 0, end = t;
        bool two = who[t] < 0;
        for (int u = t; u < m->span && u <= t + 6; u++)
            if (who[u] != 0) {
                end = u;
                two |= first != 0 && who[u] != first;
                first = first ? first : who[u];
            }
        if (!two || end <= last_end)
            continue;
        am_status st = add_lazy(m, MER_SPACE, e, m->day0 + t, n_new, err);
        if (st != AM_OK)
            return st;
        last_end = end;
    }
    return AM_OK;
}

void meet_lazy_reset(meet_model *m)
{
    m->n_lazy = 0;
}

/* Province caps: the (possibly fractional) meetings per province and day. */
static am_status separate_caps(meet_model *m, const double *values, int *n_new, am_error *err)
{
    int np = am_instance_n_provinces(m->inst);
    double *used = AM_ARENA_ARRAY(m->arena, double, (long long)np * m->span + 1);
    if (!used)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory checking meeting rows");
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < m->n_counties * AM_N_HALVES; i++) {
            const meet_gh *g = &m->gh[i];
            int p = am_instance_county(m->inst, g->county)->province;
            for (int k = 0; k < g->n_days && g->r > 0 && p >= 0; k++) {
                if (values[g->cols[k]] < MEET_EPS)
                    continue;
                long long at = (long long)p * m->span + (g->days[k] - m->day0);
                if (pass == 0) {
                    used[at] += values[g->cols[k]];
                } else if (used[at] > m->cap_left[at] + MEET_EPS) {
                    am_status st = add_lazy(m, MER_CAP, p, g->days[k], n_new, err);
                    if (st != AM_OK)
                        return st;
                    used[at] = 0; /* one row per province and day */
                }
            }
        }
    return AM_OK;
}

typedef struct seen {
    am_date date;
    int county;
    double value;
} seen;

static int cmp_seen(const void *a, const void *b)
{
    const seen *x = a, *y = b;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return (x->county > y->county) - (x->county < y->county);
}

/* Spacing: the (possibly fractional) meetings each shared expert attends, in date order; a
 * 7-day window starting at one of them whose values add up to more than 1, over two or more
 * groups, is a violated row. */
static am_status separate_spacing(meet_model *m, const double *values, int *n_new, am_error *err)
{
    size_t cap = 0;
    seen *v = NULL;
    for (int e = 0; e < m->n_experts; e++) {
        if (m->eg_start[e + 1] - m->eg_start[e] < 2)
            continue;
        size_t n = 0;
        for (int q = m->eg_start[e]; q < m->eg_start[e + 1]; q++)
            for (int h = 0; h < AM_N_HALVES; h++) {
                const meet_gh *g = &m->gh[m->eg_list[q] * AM_N_HALVES + h];
                for (int k = 0; k < g->n_days && g->r > 0; k++) {
                    if (values[g->cols[k]] < MEET_EPS || !meet_available(m->inst, e, g->days[k]))
                        continue;
                    if (am_arena_grow(m->arena, (void **)&v, &cap, n + 1, sizeof(seen),
                                      _Alignof(seen)) != 0)
                        return am_error_set(err, AM_ENOMEM, NULL, NULL,
                                            "out of memory checking meeting rows");
                    v[n++] = (seen){g->days[k], g->county, values[g->cols[k]]};
                }
            }
        if (n > 1) /* v is NULL when nothing was seen: qsort wants a real array */
            qsort(v, n, sizeof *v, cmp_seen);
        for (size_t i = 0; i < n; i++) {
            if (i > 0 && v[i - 1].date == v[i].date)
                continue; /* one window per first day */
            double sum = 0;
            bool two = false;
            for (size_t j = i; j < n && v[j].date <= v[i].date + 6; j++) {
                sum += v[j].value;
                two |= v[j].county != v[i].county;
            }
            if (!two || sum <= 1.0 + MEET_EPS)
                continue;
            am_status st = add_lazy(m, MER_SPACE, e, v[i].date, n_new, err);
            if (st != AM_OK)
                return st;
        }
    }
    return AM_OK;
}

am_status meet_separate(meet_model *m, const double *values, int *n_new, am_error *err)
{
    *n_new = 0;
    am_status st = separate_caps(m, values, n_new, err);
    return st == AM_OK ? separate_spacing(m, values, n_new, err) : st;
}
