/* models/meet_build.c: the columns and rows of the meeting model (docs/formulation.md,
 * "Meetings"): y per candidate day and u per (group, half) with their objective, then the count,
 * province cap and spacing rows, noting what each is for the LP file's names. The full model is
 * written for --write-lp; the solver sees the restricted one (count rows and the cap and
 * spacing rows found violated, models/meet_lazy.c). */
#include <stdio.h>
#include <stdlib.h>

#include "meet_model.h"

static am_status nomem(am_error *err)
{
    return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory building the meeting model");
}

static int add_col(meet_model *m, am_lp_kind kind, double ub, double obj, meet_col_kind what,
                   int c, int h, am_date d, am_error *err)
{
    /* in the restricted model, a pair no lazy row touches sits at its independent optimum */
    int next = am_lp_n_cols(m->lp);
    bool fix = m->coupled && !m->coupled[c * AM_N_HALVES + h];
    double lb = fix ? m->indep[next] : 0.0;
    int col = am_lp_add_col(m->lp, kind, lb, fix ? lb : ub, obj);
    if (col < 0 || am_arena_grow(m->arena, (void **)&m->col_info, &m->cap_col_info, (size_t)col + 1,
                                 sizeof(meet_col_info), _Alignof(meet_col_info)) != 0) {
        nomem(err);
        return -1;
    }
    m->col_info[col] = (meet_col_info){(unsigned char)what, c, h, d};
    return col;
}

am_status meet_note_row(meet_model *m, meet_row_family f, int who, int h, am_date d, am_error *err)
{
    int row = am_lp_n_rows(m->lp);
    if (am_arena_grow(m->arena, (void **)&m->row_info, &m->cap_row_info, (size_t)row + 1,
                      sizeof(meet_row_info), _Alignof(meet_row_info)) != 0)
        return nomem(err);
    m->row_info[row] = (meet_row_info){(unsigned char)f, who, h, d};
    return AM_OK;
}

static am_status end_row(meet_model *m, meet_row_family f, int who, int h, am_date d,
                         am_lp_sense sense, double v, am_error *err)
{
    am_status st = meet_note_row(m, f, who, h, d, err);
    return st == AM_OK ? am_lp_row_end(m->lp, sense, v, v, err) : st;
}

/* One y column of the model, for the cap and spacing families. */
typedef struct entry {
    int key; /* province or expert */
    am_date date;
    int county, col;
} entry;

static int cmp_entry(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return (x->county > y->county) - (x->county < y->county);
}

static am_status add_columns_and_counts(meet_model *m, long long *n_y, am_error *err)
{
    am_status st = AM_OK;
    for (int i = 0; i < m->n_counties * AM_N_HALVES; i++) {
        meet_gh *g = &m->gh[i];
        if (g->r == 0)
            continue;
        for (int k = 0; k < g->n_days; k++) {
            double v = (double)meet_value(m, g->county, g->half, g->days[k]);
            g->cols[k] = add_col(m, AM_LP_BINARY, 1.0, v, MEC_Y, g->county, g->half, g->days[k], err);
            if (g->cols[k] < 0)
                return AM_ENOMEM;
        }
        *n_y += g->n_days;
        g->col_u = add_col(m, AM_LP_CONTINUOUS, g->r, -(double)m->w.P, MEC_U, g->county, g->half, 0, err);
        if (g->col_u < 0)
            return AM_ENOMEM;
        am_lp_row_begin(m->lp);
        for (int k = 0; k < g->n_days; k++)
            AM_TRY(am_lp_row_add(m->lp, g->cols[k], 1.0, err));
        AM_TRY(am_lp_row_add(m->lp, g->col_u, 1.0, err));
        AM_TRY(end_row(m, MER_COUNT, g->county, g->half, 0, AM_LP_EQ, g->r, err));
    }
done:
    return st;
}

/* cap(p,d): the province's y on day d <= what its cap leaves, when more could be chosen. */
static am_status add_caps(meet_model *m, entry *v, am_error *err)
{
    am_status st = AM_OK;
    long long n = 0;
    for (int i = 0; i < m->n_counties * AM_N_HALVES; i++)
        for (int k = 0; k < m->gh[i].n_days && m->gh[i].r > 0; k++)
            v[n++] = (entry){am_instance_county(m->inst, m->gh[i].county)->province,
                             m->gh[i].days[k], m->gh[i].county, m->gh[i].cols[k]};
    qsort(v, (size_t)n, sizeof *v, cmp_entry);
    for (long long i = 0, j; i < n; i = j) {
        for (j = i; j < n && v[j].key == v[i].key && v[j].date == v[i].date; j++)
            ;
        int left = v[i].key >= 0 ? m->cap_left[(long long)v[i].key * m->span + (v[i].date - m->day0)]
                                 : m->cal->max_per_province_per_day;
        if (j - i <= left)
            continue;
        am_lp_row_begin(m->lp);
        for (long long k = i; k < j; k++)
            AM_TRY(am_lp_row_add(m->lp, v[k].col, 1.0, err));
        AM_TRY(end_row(m, MER_CAP, v[i].key, -1, v[i].date, AM_LP_LE, left, err));
    }
done:
    return st;
}

/* space(e,t): an expert of two or more groups attends at most one of their meetings in any
 * 7-day window; only windows with y of two groups, not contained in the previous one. */
static am_status add_spacing(meet_model *m, entry *v, am_error *err)
{
    am_status st = AM_OK;
    for (int e = 0; e < m->n_experts; e++) {
        if (m->eg_start[e + 1] - m->eg_start[e] < 2)
            continue;
        long long n = 0;
        for (int q = m->eg_start[e]; q < m->eg_start[e + 1]; q++)
            for (int h = 0; h < AM_N_HALVES; h++) {
                const meet_gh *g = &m->gh[m->eg_list[q] * AM_N_HALVES + h];
                for (int k = 0; k < g->n_days && g->r > 0; k++)
                    if (meet_available(m->inst, e, g->days[k]))
                        v[n++] = (entry){e, g->days[k], g->county, g->cols[k]};
            }
        qsort(v, (size_t)n, sizeof *v, cmp_entry);
        long long prev_end = -1, j = 0;
        for (long long i = 0; i < n; i++) {
            if (i > 0 && v[i].date == v[i - 1].date)
                continue;
            if (j < i)
                j = i;
            while (j < n && v[j].date <= v[i].date + 6)
                j++;
            if (j <= prev_end)
                continue;
            bool two = false;
            for (long long k = i + 1; k < j && !two; k++)
                two = v[k].county != v[i].county;
            if (!two)
                continue;
            am_lp_row_begin(m->lp);
            for (long long k = i; k < j; k++)
                AM_TRY(am_lp_row_add(m->lp, v[k].col, 1.0, err));
            AM_TRY(end_row(m, MER_SPACE, e, -1, v[i].date, AM_LP_LE, 1.0, err));
            prev_end = j;
        }
    }
done:
    return st;
}

am_status meet_build_restricted(meet_model *m, am_error *err)
{
    long long n_y = 0;
    am_status st = add_columns_and_counts(m, &n_y, err);
    for (int i = 0; i < m->n_lazy && st == AM_OK; i++)
        st = meet_emit_lazy(m, &m->lazy[i], err);
    return st;
}

am_status meet_build(meet_model *m, am_error *err)
{
    m->coupled = NULL; /* the full model: nothing fixed */
    long long n_y = 0;
    am_status st = add_columns_and_counts(m, &n_y, err);
    if (st != AM_OK)
        return st;
    /* scratch for the entries: all y (caps), or those of one expert's groups (spacing) */
    entry *v = AM_ARENA_ARRAY(m->arena, entry, n_y + 1);
    if (!v)
        return nomem(err);
    if ((st = add_caps(m, v, err)) != AM_OK)
        return st;
    return add_spacing(m, v, err);
}

static const char *half_name(int h) { return h == 0 ? "H1" : "H2"; }

void meet_col_name(void *ctx, int col, char *buf, int size)
{
    const meet_model *m = ctx;
    const meet_col_info *ci = &m->col_info[col];
    const char *c = am_instance_county(m->inst, ci->county)->id;
    char day[16];
    if (ci->kind == MEC_Y)
        snprintf(buf, (size_t)size, "y(%s,%s,%s)", c, half_name(ci->half), am_date_format(ci->date, day));
    else
        snprintf(buf, (size_t)size, "u(%s,%s)", c, half_name(ci->half));
}

void meet_row_name(void *ctx, int row, char *buf, int size)
{
    const meet_model *m = ctx;
    const meet_row_info *ri = &m->row_info[row];
    char day[16];
    switch (ri->family) {
    case MER_COUNT:
        snprintf(buf, (size_t)size, "count(%s,%s)", am_instance_county(m->inst, ri->who)->id,
                 half_name(ri->half));
        break;
    case MER_CAP:
        snprintf(buf, (size_t)size, "cap(%s,%s)",
                 ri->who >= 0 ? am_instance_province(m->inst, ri->who)->code : "none",
                 am_date_format(ri->date, day));
        break;
    default:
        snprintf(buf, (size_t)size, "space(%s,%s)", am_instance_expert(m->inst, ri->who)->id,
                 am_date_format(ri->date, day));
        break;
    }
}
