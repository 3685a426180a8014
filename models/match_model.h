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
    /* per candidate k (index into cands->cands). A pair is in the model ("active") when its
     * col_x >= 0: every pair in the exact model, the pairs generated so far in the restricted
     * one (match_cg.c). */
    const unsigned char *active; /* NULL: every pair; else which pairs the build starts with */
    /* A model of some counties only (match_nbhd.c): NULL, every county; else the counties with
     * columns and rows, and per expert the groups and leaderships it holds in the others (its
     * capacities in this model are what is left). */
    const unsigned char *county_in;
    const int *cap_used, *lead_used;
    int *col_x;
    int *col_y; /* -1 when the candidate cannot lead or is not in the model */
    /* per county */
    int *col_size, *col_over, *col_lead, *col_local, *col_pairing; /* col_pairing -1: no partner */
    int *col_industry_start; /* v[c,i] = col_industry_start[c] + i */
    int *col_stage;          /* w[c,s] = col_stage[c * AM_N_STAGES + s], -1 if s not needed */
    /* the rows each pair and slack sits in, -1 when not built (a row of the full model that the
     * restricted model has not needed yet: its dual is 0). Set by the row families. */
    int *row_size, *row_lead, *row_local, *row_pairing; /* per county */
    int *ind_off;      /* per county: its industries' index into row_industry */
    int *row_industry; /* cover[c,i] = row_industry[ind_off[c] + i] */
    int *row_stage;    /* stage[c,s] = row_stage[c * AM_N_STAGES + s] */
    int *row_cap, *row_leadcap; /* per expert */
    int *row_org, *row_onerole; /* per pair */
    long long *by_e_start, *by_e_pair; /* pairs of expert e: by_e_pair[by_e_start[e] ..) */
    long long *scratch_k; /* room for the candidates of one county */
    bool lazy_onerole;    /* onerole rows only when a solution needs them (the fast path) */
    const unsigned char *lazy_cover; /* the fast path's first groups: cover rows that they
                                        cover twice wait until a solution needs them; NULL: all */
    /* current memberships (match_current.c); NULL / 0 when the instance has none */
    long long *keep_bonus; /* per pair: the change penalty its unlocked membership saves */
    unsigned char *lock;   /* per pair: MATCH_LOCK_* */
    double obj_offset;     /* objective = column objectives + this (minus every change penalty) */
    long long *rank; /* per county, its candidates best first: rank[start[c] .. start[c+1]) */
    long long *order; /* every pair, best objective first (ties: county, then as in rank) */
    int *pair_county; /* per pair: its county (the lookup match_county_of does, made once) */
    match_col_info *col_info;
    size_t cap_col_info;
    match_row_info *row_info;
    size_t cap_row_info;
} match_model;

enum { MATCH_LOCK_NONE, MATCH_LOCK_MEMBER, MATCH_LOCK_LEADER };

/* Does the model have county c (its slacks and rows)? */
static inline bool match_has_county(const match_model *m, int c)
{
    return !m->county_in || m->county_in[c];
}

/* Expert e's capacity and leader capacity in the model: the instance's, less what it holds in
 * the counties the model leaves out. */
static inline int match_capacity(const match_model *m, int e)
{
    return am_instance_expert(m->inst, e)->capacity - (m->cap_used ? m->cap_used[e] : 0);
}

static inline int match_leader_capacity(const match_model *m, int e)
{
    return am_instance_expert(m->inst, e)->leader_capacity - (m->lead_used ? m->lead_used[e] : 0);
}

/* Read the instance's current memberships into keep_bonus, lock and obj_offset. AM_ENOMEM. */
am_status match_current_init(match_model *m, am_error *err);
/* The objective coefficient of pair k's columns: its score plus its keep bonus. */
long long match_pair_objective(const match_model *m, long long k);
/* Rank every county's candidates by objective coefficient into m->rank, every pair into
 * m->order, and note every pair's county in m->pair_county (match_rank.c), after
 * match_current_init. AM_ENOMEM. */
am_status match_rank(match_model *m, am_error *err);
/* Fix the columns of pair k (in the model) as its lock says; nothing when it is not locked. */
void match_lock_cols(match_model *m, long long k);

/* Add the columns of the pairs in the model (all, or those m->active marks) and every slack,
 * with their objective coefficients; allocate the row maps (all -1). */
am_status match_add_vars(match_model *m, am_error *err);

/* Pairs by expert (by_e_start, by_e_pair), for the expert rows and the restricted model. */
am_status match_index_experts(match_model *m, am_error *err);

/* The expert rows of e that the pairs now in the model need and that are not built yet: cap(e),
 * leadcap(e), onerole(c,e) of its can-lead pairs unless lazy_onerole (match_cons_expert.c). */
am_status match_expert_rows(match_model *m, int e, am_error *err);

/* onerole(c,e) of pair k, if it can lead, is in the model and has none yet. */
am_status match_onerole_row(match_model *m, long long k, am_error *err);
/* The onerole rows of the full model that the pairs in the model lack: all of them (x NULL),
 * or those a solution (x, y per pair) violates; *n_added says how many. */
am_status match_onerole_rows(match_model *m, const double *x, const double *y, int *n_added,
                             am_error *err);

/* The cover rows (industry and stage) not built yet that a solution (x, y per pair) leaves
 * short, or all of them (x NULL); *n_added says how many (match_cons_cover.c). */
am_status match_cover_rows(match_model *m, const double *x, const double *y, int *n_added,
                           am_error *err);

/* The org(c,o) row, built when more than max_same_org of its candidates are in the model and
 * the row is not built yet; row_org of every candidate of o in c is set (match_cons_county.c). */
am_status match_org_row(match_model *m, int c, int org, am_error *err);

/* Bring pair k into a built model: its x (and y) columns with their entries in the rows built
 * so far (match_grow.c). The rows it newly needs come from match_expert_rows/match_org_row. */
am_status match_add_pair(match_model *m, long long k, am_error *err);

/* The rows of the model that pair k's membership (x) counts in, leader rows left out; returns
 * how many (at most MATCH_MAX_ROWS_PER_PAIR). onerole is not among them. */
#define MATCH_MAX_ROWS_PER_PAIR (AM_N_STAGES + 72)
int match_member_rows(const match_model *m, long long k, int c, int *rows);

/* Prices from the duals of the restricted model's last LP solve (match_price.c). */
typedef struct match_prices {
    double *dx, *dy;  /* reduced cost of x and y of every pair (dy: -HUGE_VAL when it cannot
                         lead), in the full model, with the duals of rows not built taken as 0 */
    double bound;     /* the Lagrangian bound of the full model for those duals */
} match_prices;

/* Price every pair and bound the full model (docs/formulation.md, "The fast path"). The
 * arrays are allocated in the arena on the first call and reused. AM_ENOMEM. */
am_status match_price(match_model *m, match_prices *pr, am_error *err);

/* The initial pairs of the restricted model: per county its best candidates overall, as
 * leader, local, paired and per industry and stage, and every pair of `chosen` (match_pool.c).
 * n_pairs bytes in the arena. AM_ENOMEM. */
am_status match_pool(const match_model *m, const unsigned char *chosen, unsigned char **active,
                     am_error *err);

/* Build the model: the columns, then each row family in a fixed order (solve.c). */
am_status match_build(match_model *m, am_error *err);

/* The fast path: column generation, then branch-and-bound over the pairs that matter
 * (match_cg.c). Builds m (whose lp is new and empty); on AM_OK *values holds the best groups'
 * column values and *out how the search ended, with a bound on the full model. */
am_status match_cg(match_model *m, const am_match_params *p, long t0, double **values,
                   am_lp_outcome *out, am_error *err);

/* The endgame of the fast path (match_nbhd.c): the counties where the groups and the LP solution
 * (x, y per pair) differ, solved again as a small model of their own by branch-and-bound, the
 * other groups fixed, from the pairs of the restricted model m. The groups (changed in place)
 * become the better ones found; *gain says by how much (0: none). Stops at p->stop. AM_ENOMEM,
 * AM_ESOLVER. */
am_status match_nbhd(const match_model *m, const am_match_params *p, const double *x,
                     const double *y, unsigned char *chosen, unsigned char *leads,
                     long long *gain, am_error *err);

/* The county of pair k. */
int match_county_of(const match_model *m, long long k);

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

/* Membership of candidate k: x and y columns (y only when it can lead); nothing when k is not
 * in the model. */
am_status match_row_add_member(match_model *m, long long k, double coef, am_error *err);

/* A greedy solution that keeps every hard rule, as members (chosen[k]) and leaders (leads[k]),
 * n_pairs bytes each in `a`. Reads only the candidates; with x and y (per pair: an LP
 * solution's x and y values, 0 for pairs not in the model) it first keeps what the LP holds
 * above one half, and chooses among the pairs in the model only. AM_ENOMEM. */
am_status match_greedy(const match_model *m, am_arena *a, const double *x, const double *y,
                       unsigned char **chosen, unsigned char **leads, am_error *err);
/* Local moves that raise the objective of groups and keep every hard rule (match_improve.c):
 * the state kept between calls (short lists, pairs by expert) in `a`. AM_ENOMEM. */
typedef struct match_improver match_improver;
am_status match_improver_new(const match_model *m, am_arena *a, match_improver **out,
                             am_error *err);
/* Improve the groups chosen/leads (n_pairs bytes each, changed in place; every hard rule kept,
 * so they must keep them too: AM_EINTERNAL otherwise). The moves may take pairs that are not in
 * the restricted model. */
am_status match_improve(match_improver *u, unsigned char *chosen, unsigned char *leads,
                        am_error *err);
/* The column values (n_cols, in `a`) of a solution given by pairs, every chosen pair of the
 * counties the model has being in the model; slacks at the least values the groups allow.
 * AM_ENOMEM. */
am_status match_values(const match_model *m, am_arena *a, const unsigned char *chosen,
                       const unsigned char *leads, double **out, am_error *err);
/* The objective of the column values v (n_cols): the columns' objective plus obj_offset. */
double match_objective(const match_model *m, const double *v);
/* match_greedy then match_values. */
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

/* The penalties of what county c's group (its tally) misses: size, leader, local, pairing,
 * industries, stages and members above the target, as the model's slack columns cost them. */
long long match_tally_penalty(const match_model *m, int c, const match_tally *t);

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
