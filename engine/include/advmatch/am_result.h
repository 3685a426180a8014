/* engine/include/advmatch/am_result.h: one assignment of experts to county groups, with its
 * outcome, objective, bound and shortfalls. A result copies every string it prints (county and
 * expert ids, details) into its own arena, so it outlives the instance it was made from. */
#ifndef ADVMATCH_AM_RESULT_H
#define ADVMATCH_AM_RESULT_H

#include <stdbool.h>

#include "advmatch/am_error.h"
#include "advmatch/am_instance.h"

typedef enum am_outcome {
    AM_OUTCOME_OPTIMAL,     /* proven optimal */
    AM_OUTCOME_FEASIBLE,    /* stopped within the requested relative gap */
    AM_OUTCOME_TIME_LIMIT,  /* time limit reached; best solution found */
    AM_OUTCOME_INTERRUPTED  /* stopped by the user (SIGINT); best solution found */
} am_outcome;

typedef enum am_channel {
    AM_CHANNEL_LOCAL,    /* home county is the county */
    AM_CHANNEL_PAIRED,   /* from an eastern partner province of the county's province */
    AM_CHANNEL_PROVINCE, /* from the county's own province */
    AM_CHANNEL_NATIONAL  /* national level, from elsewhere */
} am_channel;

/* Shortfall rules (soft rules a group can miss). */
typedef enum am_rule {
    AM_RULE_SIZE,
    AM_RULE_LEADER,
    AM_RULE_LOCAL,
    AM_RULE_PAIRING,
    AM_RULE_INDUSTRY,
    AM_RULE_STAGE,
    AM_N_RULES
} am_rule;

const char *am_outcome_name(am_outcome o);
const char *am_channel_name(am_channel c);
const char *am_rule_name(am_rule r);
int am_outcome_parse(const char *s); /* -1 if unknown; likewise below */
int am_channel_parse(const char *s);
int am_rule_parse(const char *s);

typedef struct am_member {
    int expert;        /* expert index in the instance */
    const char *expert_id;
    am_role role;
    am_channel channel;
    long long score;
} am_member;

typedef struct am_shortfall {
    am_rule rule;
    int missing;        /* > 0 */
    const char *detail; /* industry field name, stage name, or "" */
} am_shortfall;

typedef struct am_group {
    int county;
    const char *county_id;
    const am_member *members; /* canonical order: leader first, then by expert index */
    int n_members;
    const am_shortfall *shortfalls; /* canonical order: by rule, then detail */
    int n_shortfalls;
} am_group;

typedef struct am_result_stats {
    long long n_candidates; /* eligible (county, expert) pairs */
    long long n_rows, n_cols, n_binaries, n_nonzeros;
} am_result_stats;

typedef struct am_result am_result;

/* A new result with one empty group per county of `inst` (frozen), in county order.
 * Caller frees with am_result_free(). inst need not outlive the result. */
am_status am_result_new(const am_instance *inst, am_result **out, am_error *err);
void am_result_free(am_result *res);

void am_result_set_outcome(am_result *res, am_outcome o, long long objective, bool has_bound,
                           double bound, double gap);
void am_result_set_stats(am_result *res, const am_result_stats *s);

/* Append a member / shortfall to the group of county `county_idx` (in range). AM_ENOMEM only.
 * A group may be given any number of members here; am_result_finish sorts them. */
am_status am_result_add_member(am_result *res, int county_idx, const am_member *m, am_error *err);
am_status am_result_add_shortfall(am_result *res, int county_idx, am_rule rule, int missing,
                                  const char *detail, am_error *err);

/* Sort members and shortfalls of every group into canonical order. Call once after adding. */
void am_result_finish(am_result *res);

/* Mark the county's group as given by the input (used by result readers to detect a county
 * listed twice or never). Returns how many times it was marked before. */
int am_result_mark_listed(am_result *res, int county_idx);
int am_result_times_listed(const am_result *res, int county_idx);

/* Count, per expert index, the groups of `res` the expert sits in (member[e]) and leads
 * (lead[e]); both arrays have one entry per expert of the instance and are zeroed first. */
void am_result_count_usage(const am_result *res, int n_experts, int *member, int *lead);

am_outcome am_result_outcome(const am_result *res);
long long am_result_objective(const am_result *res);
bool am_result_has_bound(const am_result *res);
double am_result_bound(const am_result *res);
double am_result_gap(const am_result *res);
const am_result_stats *am_result_stats_get(const am_result *res);
int am_result_n_groups(const am_result *res);
/* Borrowed: valid until am_result_free(res). */
const am_group *am_result_group(const am_result *res, int county_idx);

#endif
