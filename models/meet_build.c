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

/* Add full-model column `global` to the LP if the restricted model holds it: its LP column,
 * -2 when left out, -1 on no memory. */
static int add_col(meet_model *m, int global, am_lp_kind kind, double ub, double obj,
                   meet_col_kind what, int c, int h, am_date d, am_error *err)
{
    m->lp_of[global] = -1;
    if (m->use && kind == AM_LP_BINARY && !m->use[global])
        return -2;
    /* in the restricted model, a pair no lazy row touches sits at its independent optimum */
    bool fix = m->coupled && !m->coupled[c * AM_N_HALVES + h];
    double lb = fix ? m->indep[global] : 0.0;
    int col = am_lp_add_col(m->lp, kind, lb, fix ? lb : ub, obj);
    if (col < 0 || am_arena_grow(m->arena, (void **)&m->col_info, &m->cap_col_info, (size_t)col + 1,
                                 sizeof(meet_col_info), _Alignof(meet_col_info)) != 0) {
        nomem(err);
        return -1;
    }
    m->col_info[col] = (meet_col_info){(unsigned char)what, c, h, d};
    m->lp_of[global] = col;
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

static am_status add_columns_and_counts(meet_model *m, am_error *err)
{
    am_status st = AM_OK;
    for (int i = 0; i < m->n_counties * AM_N_HALVES; i++) {
        meet_gh *g = &m->gh[i];
        if (g->r == 0)
            continue;
        for (int k = 0; k < g->n_days; k++) {
            double v = (double)meet_value(m, g->county, g->half, g->days[k]);
            if (add_col(m, g->cols[k], AM_LP_BINARY, 1.0, v, MEC_Y, g->county, g->half,
                        g->days[k], err) == -1)
                return AM_ENOMEM;
        }
        int u = add_col(m, g->col_u, AM_LP_CONTINUOUS, g->r, -(double)m->w.P, MEC_U, g->county,
                        g->half, 0, err);
        if (u < 0)
            return AM_ENOMEM;
        am_lp_row_begin(m->lp);
        for (int k = 0; k < g->n_days; k++)
            if (m->lp_of[g->cols[k]] >= 0)
                AM_TRY(am_lp_row_add(m->lp, m->lp_of[g->cols[k]], 1.0, err));
        AM_TRY(am_lp_row_add(m->lp, u, 1.0, err));
        g->row_count = am_lp_n_rows(m->lp);
        AM_TRY(end_row(m, MER_COUNT, g->county, g->half, 0, AM_LP_EQ, g->r, err));
    }
done:
    return st;
}

am_status meet_build_restricted(meet_model *m, am_error *err)
{
    am_status st = add_columns_and_counts(m, err);
    if (st == AM_OK && am_arena_grow(m->arena, (void **)&m->lazy_row, &m->cap_lazy_row,
                                     (size_t)m->n_lazy + 1, sizeof(int), _Alignof(int)) != 0)
        st = nomem(err);
    for (int i = 0; i < m->n_lazy && st == AM_OK; i++)
        st = meet_emit_lazy(m, i, err);
    m->n_lazy_built = m->n_lazy;
    return st;
}

am_status meet_build(meet_model *m, am_error *err)
{
    m->coupled = NULL; /* the full model: every day, nothing fixed, every cap and spacing row */
    m->use = NULL;
    int n_new = 0, np = am_instance_n_provinces(m->inst);
    am_status st = AM_OK;
    for (int p = 0; p < np && st == AM_OK; p++)
        st = meet_lazy_province(m, p, &n_new, err);
    for (int e = 0; e < m->n_experts && st == AM_OK; e++)
        st = meet_lazy_expert(m, e, &n_new, err);
    return st == AM_OK ? meet_build_restricted(m, err) : st;
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
