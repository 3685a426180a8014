/* models/meet_model.h: the meeting model's layout: the fixed meetings (the instance's and those
 * kept from a previous schedule), the candidate days of every (group, half), which column and
 * row stands for what, shared by the files that find the days (meet_days.c, meet_fixed.c), build
 * the model (meet_build.c), start and read it back (meet_extract.c) and drive it
 * (meet_solve.c). Private to models/. Everything lives in the solve arena. docs/formulation.md,
 * "Meetings", describes each family. */
#ifndef ADVMATCH_MEET_MODEL_H
#define ADVMATCH_MEET_MODEL_H

#include <stdbool.h>

#include "advmatch/am_instance.h"
#include "advmatch/am_result.h"
#include "advmatch/am_schedule.h"
#include "am_lp.h"

/* A meeting that is not a choice: one of the instance's meetings[] or kept from `previous`. */
typedef struct meet_fixed {
    int county, half;
    am_date date;
    am_mode mode;
    bool from_instance;
} meet_fixed;

/* One (group, half): its requirement, candidate days and columns, and why days were lost. */
typedef struct meet_gh {
    int county, half;
    int r;             /* meetings still to schedule (>= 0) */
    int n_days;        /* candidate days (only when r > 0) */
    am_date *days;     /* ascending */
    int *cols;         /* column (in the numbering of the full model) of each day's y */
    int col_u;         /* column of u; -1 when r == 0 */
    int row_count;     /* row of its count row in the current am_lp */
    /* diagnosis: days of the window left after each rule, in this order */
    int n_work, n_noblack, n_leader, n_attend, n_possible; /* possible: not a day of its own */
} meet_gh;

typedef enum meet_col_kind { MEC_Y, MEC_U } meet_col_kind;
typedef enum meet_row_family { MER_COUNT, MER_CAP, MER_SPACE } meet_row_family;

typedef struct meet_col_info {
    unsigned char kind;
    int county, half;
    am_date date; /* MEC_Y */
} meet_col_info;

typedef struct meet_row_info {
    unsigned char family;
    int who;      /* county (count), province (cap) or expert (space) */
    int half;     /* count rows */
    am_date date; /* cap: the day; space: the window's first day */
} meet_row_info;

/* A row of the cap or spacing family added lazily (models/meet_lazy.c): cap (who = province,
 * date = the day) or space (who = expert, date = the window's first day). */
typedef struct meet_lazy {
    unsigned char family;
    int who;
    am_date date;
} meet_lazy;

typedef struct meet_model {
    const am_instance *inst;
    const am_result *groups;
    const am_calendar *cal;
    am_arena *arena;
    am_lp *lp;
    am_sched_weights w;
    int n_counties, n_experts;
    /* per county */
    int *n_members;   /* 0: no group */
    int **members;    /* expert indexes, ascending */
    int *leader;      /* expert index or -1 */
    int *needed;      /* members that must be available */
    /* per expert: the counties of the groups it sits in (CSR) */
    int *eg_start, *eg_list;
    /* fixed meetings, instance ones first */
    meet_fixed *fixed;
    int n_fixed;
    /* days of the year the windows span: [day0, day0 + span) */
    am_date day0;
    int span;
    int *cap_left; /* [province * span + day]: meetings the province may still hold that day */
    meet_gh *gh;   /* [county * AM_N_HALVES + half] */
    meet_col_info *col_info;
    size_t cap_col_info;
    meet_row_info *row_info;
    size_t cap_row_info;
    /* the columns of the full model (meet_days numbers them); every solution vector is indexed
     * by these. lp_of maps them to the columns of the current am_lp (-1: left out); `use`
     * (NULL: all) says which days the restricted models hold (column generation) */
    int n_global;
    int *lp_of;
    unsigned char *use;
    /* the cap and spacing rows found violated so far (row generation), and the row of each in
     * the current am_lp (-1: no column of it is in the model) */
    int *lazy_row;
    size_t cap_lazy_row;
    int n_lazy_built; /* lazy rows m->lp was built with (later ones have no row yet) */
    bool lp_has_duals; /* m->lp was solved as an LP: its duals price the days left out */
    meet_lazy *lazy;
    size_t cap_lazy;
    int n_lazy;
    /* per (group, half): does a lazy row touch it? Untouched ones are fixed at `indep`. */
    unsigned char *coupled;
    double *indep; /* per column: each (group, half) on its own best days (meet_independent) */
} meet_model;

/* Is expert e available on d? */
bool meet_available(const am_instance *inst, int e, am_date d);
/* Members of county c's group available on d. */
int meet_n_available(const meet_model *m, int c, am_date d);
/* Do the day rules (working day, window of half h, blackout, leader, attendance) hold? */
bool meet_day_ok(const meet_model *m, int c, int h, am_date d);
/* Value of a chosen (not fixed) meeting of c in half h on d: A * attending + timing. */
long long meet_value(const meet_model *m, int c, int h, am_date d);

/* Groups, members, leaders, needed attendance and the expert-to-groups index. AM_ENOMEM. */
am_status meet_groups(meet_model *m, am_error *err);
/* The fixed meetings: the instance's, then those kept from `previous` (may be NULL). */
am_status meet_fixed_collect(meet_model *m, const am_schedule *previous, am_error *err);
/* Requirements and candidate days of every (group, half), after the fixed meetings. */
am_status meet_days(meet_model *m, am_error *err);

/* The full model: columns and every row (count, province cap, spacing); for the LP file. */
am_status meet_build(meet_model *m, am_error *err);
/* The restricted model the solver sees: columns, count rows and the lazy rows m->lazy; the
 * columns of (group, half) pairs no lazy row touches are fixed at m->indep. */
am_status meet_build_restricted(meet_model *m, am_error *err);
/* Rows of the cap and spacing families that `values` (a solution of the restricted model)
 * violates, appended to m->lazy; *n_new says how many. AM_ENOMEM. (meet_lazy.c) */
am_status meet_separate(meet_model *m, const double *values, int *n_new, am_error *err);
/* Each (group, half) on its r best days alone (value, then earliest), ignoring caps and spacing:
 * the optimum of the model without those rows. Fills m->indep (allocating it). (meet_price.c) */
am_status meet_independent(meet_model *m, am_error *err);
/* Mark in m->coupled the (group, half) pairs that some lazy row touches. (meet_lazy.c) */
am_status meet_mark_coupled(meet_model *m, am_error *err);
/* Add every spacing row of expert e (windows holding days of two or more of its groups, none
 * inside the previous one) or every cap row of province p (days on which more of its groups
 * could meet than the cap leaves) to m->lazy: the full model's rows of the two families, for the
 * LP file. (meet_lazy.c) */
am_status meet_lazy_expert(meet_model *m, int e, int *n_new, am_error *err);
am_status meet_lazy_province(meet_model *m, int p, int *n_new, am_error *err);
/* Column generation: price every day left out of the restricted model with the duals of its
 * LP solution. Days whose reduced cost is above -slack join m->use, at most max_per_pair per
 * (group, half), best first (*n_added). *bound gets the Lagrangian bound of those duals on the
 * full model. With slack 0 this adds the days that could improve the LP; with slack = LP value
 * minus the best plan's value, every day that could be in a better plan (reduced-cost
 * argument). (meet_price.c) */
am_status meet_price(meet_model *m, double slack, int max_per_pair, int *n_added, double *bound,
                     am_error *err);
/* The restricted models' first days: each pair's best days by value, and its own optimum. */
am_status meet_use_init(meet_model *m, am_error *err);

/* Forget every lazy row (after the full model was built for the LP file). */
void meet_lazy_reset(meet_model *m);
/* Append the row of lazy entry z_idx to m->lp (unless none of its days is in the model) and
 * note its row in m->lazy_row. (meet_lazy.c) */
am_status meet_emit_lazy(meet_model *m, int z_idx, am_error *err);
/* Record what row `row` is for the LP file's names (meet_build.c). AM_ENOMEM. */
am_status meet_note_row(meet_model *m, meet_row_family f, int who, int h, am_date d, am_error *err);
/* A greedy solution that keeps every row; n_cols values in `out`. With `prefer` (a solution of
 * the restricted model, or NULL) the days it chose are tried first: a repair. AM_ENOMEM. */
am_status meet_start(const meet_model *m, const double *prefer, double **out, am_error *err);
/* The objective of a column vector (values of y and u). */
long long meet_objective(const meet_model *m, const double *values);

/* Copy the solution into `s` (meetings, fixed meetings, unscheduled entries with reasons) and
 * give its objective. AM_ENOMEM. */
am_status meet_extract(const meet_model *m, const double *values, am_schedule *s,
                       long long *objective, am_error *err);

/* Names for the LP file (am_lp_namer); ctx is the meet_model. */
void meet_col_name(void *ctx, int col, char *buf, int size);
void meet_row_name(void *ctx, int row, char *buf, int size);

#endif
