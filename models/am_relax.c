/* models/am_relax.c: am_relax: the experts who could fill a shortfall's place, each given one
 * more group (or leadership, or recommendation) in a copy of the instance that is solved again. */
#include "advmatch/am_relax.h"

#include <stdlib.h>
#include <string.h>

#include "advmatch/am_candidates.h"
#include "advmatch/am_scope.h"

static const char *const kind_names[] = {"capacity", "lead", "recommend"};

const char *am_relax_kind_name(am_relax_kind k) { return kind_names[k]; }

typedef struct try_ {
    am_relax_kind kind;
    int expert;
    long long score;
} try_;

typedef struct relax_ctx {
    const am_instance *inst;
    const am_result *res;
    int c;
    const am_shortfall *sf;
    int *member, *lead; /* usage per expert in res */
    try_ *tries;
    int n_tries;
} relax_ctx;

/* Does candidate `cand` of county c fill the place of the shortfall? */
static bool fills(const relax_ctx *x, const am_cand *cand)
{
    const am_county *cy = am_instance_county(x->inst, x->c);
    switch (x->sf->rule) {
    case AM_RULE_LEADER: return (cand->flags & AM_CAND_NATIONAL) != 0;
    case AM_RULE_LOCAL: return (cand->flags & AM_CAND_LOCAL) != 0;
    case AM_RULE_PAIRING: return (cand->flags & AM_CAND_PAIRED) != 0;
    case AM_RULE_STAGE: {
        int s = am_stage_parse(x->sf->detail);
        return s >= 0 && (cand->stages & (1u << s));
    }
    case AM_RULE_INDUSTRY:
        for (int i = 0; i < cy->n_industries && i < 64; i++)
            if (!strcmp(am_instance_field_name(x->inst, cy->industries[i].field), x->sf->detail))
                return (cand->industries >> i) & 1u;
        return false;
    default: return true;
    }
}

static bool in_group(const am_group *g, int e)
{
    for (int i = 0; i < g->n_members; i++)
        if (g->members[i].expert == e)
            return true;
    return false;
}

static int cmp_try(const void *a, const void *b)
{
    const try_ *x = a, *y = b;
    if (x->kind != y->kind) /* recommendations first: they cost no one elsewhere */
        return x->kind == AM_RELAX_RECOMMEND ? -1 : y->kind == AM_RELAX_RECOMMEND;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return (x->expert > y->expert) - (x->expert < y->expert);
}

/* Every relaxation worth a solve, best first, into x->tries. */
static void collect(relax_ctx *x)
{
    const am_county *cy = am_instance_county(x->inst, x->c);
    const am_group *g = am_result_group(x->res, x->c);
    for (int e = 0; e < am_instance_n_experts(x->inst); e++) {
        const am_expert *ex = am_instance_expert(x->inst, e);
        if (in_group(g, e))
            continue;
        if (x->sf->rule == AM_RULE_LOCAL && ex->county == x->c && ex->active &&
            cy->n_recommended > 0 && !am_index_in(cy->recommended, cy->n_recommended, e)) {
            x->tries[x->n_tries++] = (try_){AM_RELAX_RECOMMEND, e, 0};
            continue;
        }
        am_cand cand;
        if (!am_candidate_of(x->inst, x->c, e, &cand) || !fills(x, &cand))
            continue;
        bool lead = x->sf->rule == AM_RULE_LEADER;
        bool full = x->member[e] >= ex->capacity;
        bool no_lead = lead && x->lead[e] >= ex->leader_capacity;
        if (full || no_lead) /* the place is there but the expert has no room */
            x->tries[x->n_tries++] = (try_){lead ? AM_RELAX_LEAD : AM_RELAX_CAPACITY, e,
                                            cand.score};
    }
    qsort(x->tries, (size_t)x->n_tries, sizeof *x->tries, cmp_try);
}

/* Does group c of `r` still miss what sf says? */
static bool still_short(const am_result *r, int c, const am_shortfall *sf)
{
    const am_group *g = am_result_group(r, c);
    for (int i = 0; i < g->n_shortfalls; i++)
        if (g->shortfalls[i].rule == sf->rule && !strcmp(g->shortfalls[i].detail, sf->detail))
            return true;
    return false;
}

/* Solve the instance again with relaxation t; fill *out. */
static am_status try_one(const relax_ctx *x, const try_ *t, const am_match_params *p, am_arena *a,
                         am_relaxation *out, am_error *err)
{
    const am_instance *inst = x->inst;
    int ne = am_instance_n_experts(inst), nc = am_instance_n_counties(inst);
    int ncur = am_instance_n_current(inst);
    bool *in = AM_ARENA_ARRAY(a, bool, nc + 1), *lock = AM_ARENA_ARRAY(a, bool, ncur + 1);
    int *cap = AM_ARENA_ARRAY(a, int, ne + 1), *lcap = AM_ARENA_ARRAY(a, int, ne + 1);
    if (!in || !lock || !cap || !lcap)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory trying a relaxation");
    for (int k = 0; k < nc; k++)
        in[k] = true;
    for (int i = 0; i < ncur; i++)
        lock[i] = am_instance_current(inst, i)->locked;
    memset(cap, 0, sizeof(int) * (size_t)(ne + 1));
    memset(lcap, 0, sizeof(int) * (size_t)(ne + 1));
    const am_expert *ex = am_instance_expert(inst, t->expert);
    if (t->kind != AM_RELAX_RECOMMEND && x->member[t->expert] >= ex->capacity)
        cap[t->expert] = 1;
    if (t->kind == AM_RELAX_LEAD && x->lead[t->expert] >= ex->leader_capacity)
        lcap[t->expert] = 1;
    am_scope s = {.county_in = in, .lock = lock, .more_capacity = cap, .more_leader = lcap,
                  .recommend = t->kind == AM_RELAX_RECOMMEND, .recommend_county = x->c,
                  .recommend_expert = t->expert};
    am_instance *what_if = NULL;
    am_result *r = NULL;
    am_diags *d = am_diags_new();
    am_status st = d ? am_instance_scope(inst, &s, &what_if, d, err)
                     : am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory");
    if (st == AM_OK && am_diags_n_errors(d) > 0)
        st = am_error_set(err, AM_EINTERNAL, NULL, NULL, "a relaxed instance does not freeze");
    if (st == AM_OK)
        st = am_match(what_if, p, &r, err);
    if (st == AM_OK) {
        *out = (am_relaxation){.kind = t->kind, .expert = t->expert,
                               .removes = !still_short(r, x->c, x->sf),
                               .objective = am_result_objective(r),
                               .delta = am_result_objective(r) - am_result_objective(x->res),
                               .outcome = am_result_outcome(r)};
    }
    am_result_free(r);
    am_instance_free(what_if);
    am_diags_free(d);
    return st;
}

static int cmp_relaxation(const void *a, const void *b)
{
    const am_relaxation *x = a, *y = b;
    if (x->removes != y->removes)
        return x->removes ? -1 : 1;
    if (x->delta != y->delta)
        return x->delta > y->delta ? -1 : 1;
    return (x->expert > y->expert) - (x->expert < y->expert);
}

am_status am_relax(const am_instance *inst, const am_result *res, int c, const am_shortfall *sf,
                   int tries, const am_match_params *p, am_arena *a, am_relaxation **out, int *n,
                   am_error *err)
{
    int ne = am_instance_n_experts(inst);
    relax_ctx x = {.inst = inst, .res = res, .c = c, .sf = sf};
    x.member = AM_ARENA_ARRAY(a, int, ne + 1);
    x.lead = AM_ARENA_ARRAY(a, int, ne + 1);
    x.tries = AM_ARENA_ARRAY(a, try_, ne + 1);
    *out = AM_ARENA_ARRAY(a, am_relaxation, tries > 0 ? tries : 1);
    *n = 0;
    if (!x.member || !x.lead || !x.tries || !*out)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory trying relaxations");
    am_result_count_usage(res, ne, x.member, x.lead);
    collect(&x);
    for (int i = 0; i < x.n_tries && *n < tries; i++) {
        am_status st = try_one(&x, &x.tries[i], p, a, &(*out)[*n], err);
        if (st != AM_OK)
            return st;
        (*n)++;
    }
    qsort(*out, (size_t)*n, sizeof **out, cmp_relaxation);
    return AM_OK;
}
