/* engine/am_result.c: the result of a matching: groups, members, shortfalls, outcome and model
 * statistics. Owns one arena holding all of it, including copies of every printed string. */
#include "advmatch/am_result.h"

#include <stdlib.h>
#include <string.h>

#include "advmatch/am_arena.h"

typedef struct group_build {
    am_group g;
    am_member *members;
    size_t cap_members;
    am_shortfall *shortfalls;
    size_t cap_shortfalls;
    int times_listed;
} group_build;

struct am_result {
    am_arena *arena;
    am_outcome outcome;
    long long objective;
    bool has_bound;
    double bound, gap;
    am_result_stats stats;
    int n_groups;
    group_build *groups;
};

am_status am_result_new(const am_instance *inst, am_result **out, am_error *err)
{
    *out = NULL;
    am_arena *a = am_arena_new();
    am_result *res = a ? am_arena_alloc(a, sizeof *res, _Alignof(am_result)) : NULL;
    int n = am_instance_n_counties(inst);
    if (res) {
        res->arena = a;
        res->n_groups = n;
        res->groups = AM_ARENA_ARRAY(a, group_build, n > 0 ? n : 1);
    }
    if (!res || !res->groups) {
        am_arena_free(a);
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory creating a result");
    }
    for (int c = 0; c < n; c++) {
        res->groups[c].g.county = c;
        res->groups[c].g.county_id = am_arena_strdup(a, am_instance_county(inst, c)->id);
        if (!res->groups[c].g.county_id) {
            am_arena_free(a);
            return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory creating a result");
        }
    }
    res->has_bound = false;
    *out = res;
    return AM_OK;
}

void am_result_free(am_result *res)
{
    if (res)
        am_arena_free(res->arena);
}

void am_result_set_outcome(am_result *res, am_outcome o, long long objective, bool has_bound,
                           double bound, double gap)
{
    res->outcome = o;
    res->objective = objective;
    res->has_bound = has_bound;
    res->bound = has_bound ? bound : 0.0;
    res->gap = has_bound ? gap : 0.0;
}

void am_result_set_stats(am_result *res, const am_result_stats *s) { res->stats = *s; }

am_status am_result_add_member(am_result *res, int county_idx, const am_member *m, am_error *err)
{
    group_build *g = &res->groups[county_idx];
    if (am_arena_grow(res->arena, (void **)&g->members, &g->cap_members, (size_t)g->g.n_members + 1,
                      sizeof(am_member), _Alignof(am_member)) != 0)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory adding a member");
    am_member copy = *m;
    copy.expert_id = am_arena_strdup(res->arena, m->expert_id ? m->expert_id : "");
    if (!copy.expert_id)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory adding a member");
    g->members[g->g.n_members++] = copy;
    g->g.members = g->members;
    return AM_OK;
}

am_status am_result_add_shortfall(am_result *res, int county_idx, am_rule rule, int missing,
                                  const char *detail, am_error *err)
{
    group_build *g = &res->groups[county_idx];
    if (am_arena_grow(res->arena, (void **)&g->shortfalls, &g->cap_shortfalls,
                      (size_t)g->g.n_shortfalls + 1, sizeof(am_shortfall),
                      _Alignof(am_shortfall)) != 0)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory adding a shortfall");
    const char *d = am_arena_strdup(res->arena, detail ? detail : "");
    if (!d)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory adding a shortfall");
    g->shortfalls[g->g.n_shortfalls++] = (am_shortfall){rule, missing, d};
    g->g.shortfalls = g->shortfalls;
    return AM_OK;
}

static int cmp_member(const void *a, const void *b)
{
    const am_member *x = a, *y = b;
    if (x->role != y->role)
        return x->role == AM_ROLE_LEADER ? -1 : 1;
    int c = strcmp(x->expert_id, y->expert_id);
    if (c)
        return c;
    return (x->expert > y->expert) - (x->expert < y->expert);
}

static int cmp_shortfall(const void *a, const void *b)
{
    const am_shortfall *x = a, *y = b;
    if (x->rule != y->rule)
        return (x->rule > y->rule) - (x->rule < y->rule);
    return strcmp(x->detail, y->detail);
}

void am_result_finish(am_result *res)
{
    for (int c = 0; c < res->n_groups; c++) {
        group_build *g = &res->groups[c];
        if (g->g.n_members > 1)
            qsort(g->members, (size_t)g->g.n_members, sizeof(am_member), cmp_member);
        if (g->g.n_shortfalls > 1)
            qsort(g->shortfalls, (size_t)g->g.n_shortfalls, sizeof(am_shortfall), cmp_shortfall);
    }
}

int am_result_mark_listed(am_result *res, int county_idx)
{
    return res->groups[county_idx].times_listed++;
}
int am_result_times_listed(const am_result *res, int county_idx)
{
    return res->groups[county_idx].times_listed;
}

am_outcome am_result_outcome(const am_result *res) { return res->outcome; }
long long am_result_objective(const am_result *res) { return res->objective; }
bool am_result_has_bound(const am_result *res) { return res->has_bound; }
double am_result_bound(const am_result *res) { return res->bound; }
double am_result_gap(const am_result *res) { return res->gap; }
const am_result_stats *am_result_stats_get(const am_result *res) { return &res->stats; }
int am_result_n_groups(const am_result *res) { return res->n_groups; }
const am_group *am_result_group(const am_result *res, int county_idx)
{
    return &res->groups[county_idx].g;
}

void am_result_count_usage(const am_result *res, int n_experts, int *member, int *lead)
{
    for (int e = 0; e < n_experts; e++)
        member[e] = lead[e] = 0;
    for (int g = 0; g < am_result_n_groups(res); g++) {
        const am_group *gr = am_result_group(res, g);
        for (int i = 0; i < gr->n_members; i++) {
            member[gr->members[i].expert]++;
            lead[gr->members[i].expert] += gr->members[i].role == AM_ROLE_LEADER;
        }
    }
}
