/* models/match_model.h: the group model's layout: which column and row stands for what, shared by
 * the files that build (match_vars.c, match_cons_*.c), start (match_start.c), name
 * (match_names.c) and read back (match_extract.c) the model. Private to models/.
 * Everything lives in the solve arena. docs/formulation.md describes each family. */
#ifndef ADVMATCH_MATCH_MODEL_H
#define ADVMATCH_MATCH_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "advmatch/am_candidates.h"
#include "advmatch/am_instance.h"
#include "advmatch/am_result.h"
#include "am_lp.h"

/* What a column stands for. */
typedef enum match_col_kind {
    MC_MEMBER,  /* x[c,e]: e sits in c's group as an ordinary member */
    MC_LEADER,  /* y[c,e]: e leads c's group (and is a member) */
    MC_SIZE,    /* u_size[c]: members missing below size.min */
    MC_OVER,    /* o_over[c]: members above size.target (at most max - target) */
    MC_LEAD,    /* u_lead[c]: 1 when the group has no leader */
    MC_LOCAL,   /* u_local[c]: local members missing below local.min */
    MC_PAIRING, /* u_pair[c]: partner-province members missing below pairing.min */
    MC_INDUSTRY,/* v[c,i]: industry i of c not covered */
    MC_STAGE    /* w[c,s]: needed stage s of c not covered */
} match_col_kind;

typedef enum match_row_family {
    MR_SIZE,       /* size[c] */
    MR_LEAD,       /* lead[c] */
    MR_LOCAL,      /* local[c] */
    MR_PAIRING,    /* pairing[c] */
    MR_ORG,        /* org[c,o] */
    MR_INDUSTRY,   /* cover[c,i] */
    MR_STAGE,      /* stage[c,s] */
    MR_CAPACITY,   /* cap[e] */
    MR_LEADCAP,    /* leadcap[e] */
    MR_ONEROLE     /* onerole[c,e] */
} match_row_family;

typedef struct match_col_info {
    unsigned char kind;
    int county;
    int aux; /* expert index for MC_MEMBER/MC_LEADER, industry index or stage, else -1 */
} match_col_info;

typedef struct match_row_info {
    unsigned char family;
    int county; /* -1 for expert rows */
    int aux;    /* expert, org, industry index or stage; -1 if none */
} match_row_info;

typedef struct match_model {
    const am_instance *inst;
    const am_policy *pol;
    const am_candidates *cands;
    am_arena *arena;
    am_lp *lp;
    /* per candidate k (index into cands->cands) */
    int *col_x;
    int *col_y; /* -1 when the candidate cannot lead */
    /* per county */
    int *col_size, *col_over, *col_lead, *col_local, *col_pairing; /* col_pairing -1: no partner */
    int *col_industry_start; /* v[c,i] = col_industry_start[c] + i */
    int *col_stage;          /* w[c,s] = col_stage[c * AM_N_STAGES + s], -1 if s not needed */
    match_col_info *col_info;
    size_t cap_col_info;
    match_row_info *row_info;
    size_t cap_row_info;
} match_model;

/* Add every column (x, y and the slacks) with its objective coefficient. */
am_status match_add_vars(match_model *m, am_error *err);

/* Row families; each adds its rows in county (or expert) order. */
am_status match_add_size(match_model *m, am_error *err);
am_status match_add_leader(match_model *m, am_error *err);
am_status match_add_local(match_model *m, am_error *err);
am_status match_add_pairing(match_model *m, am_error *err);
am_status match_add_org(match_model *m, am_error *err);
am_status match_add_cover(match_model *m, am_error *err);
am_status match_add_capacity(match_model *m, am_error *err);

/* Record what the next row is (call right before am_lp_row_end). AM_ENOMEM. */
am_status match_note_row(match_model *m, match_row_family f, int county, int aux, am_error *err);
/* Record what a new column is. */
am_status match_note_col(match_model *m, int col, match_col_kind kind, int county, int aux,
                         am_error *err);

/* End the current row, noting what it is. */
am_status match_end_row(match_model *m, match_row_family f, int county, int aux, am_lp_sense sense,
                        double lo, double hi, am_error *err);

/* Membership of candidate k: x and y columns (y only when it can lead). */
am_status match_row_add_member(match_model *m, long long k, double coef, am_error *err);

/* A greedy solution that keeps every hard rule; n_cols values in `a`. AM_ENOMEM. */
am_status match_start(const match_model *m, am_arena *a, double **out, am_error *err);

/* What the chosen members of one group add up to (from candidate flags, not from the checker). */
typedef struct match_tally {
    int n_members, n_local, n_paired;
    bool has_leader;
    uint64_t industries;
    unsigned stages;
    long long score;
} match_tally;

/* Tally county c's group given which candidates are members (chosen[k] != 0, for every k of c)
 * and which lead (leads[k] != 0). */
void match_tally_group(const match_model *m, int c, const unsigned char *chosen,
                       const unsigned char *leads, match_tally *t);

/* Set the slack columns of county c in `values` to the least values its tally allows. */
void match_tight_slacks(const match_model *m, int c, const match_tally *t, double *values);

/* Copy the solution `values` into `res` (a new result of the same instance) and give the
 * objective of its memberships. chosen/leads: scratch of n_pairs bytes each. AM_ENOMEM. */
am_status match_extract(const match_model *m, const double *values, unsigned char *chosen,
                        unsigned char *leads, am_result *res, long long *objective, am_error *err);

/* Names for the LP file (am_lp_namer). ctx is the match_model. */
void match_col_name(void *ctx, int col, char *buf, int size);
void match_row_name(void *ctx, int row, char *buf, int size);

#endif
