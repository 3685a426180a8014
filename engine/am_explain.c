/* engine/am_explain.c: why a member was chosen (channel, what the pair covers, preferences,
 * score) and why a group misses what it misses, from the instance and the other groups of the
 * result: who could have filled the place, and where they are. */
#include "advmatch/am_explain.h"

#include <stdio.h>
#include <string.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_candidates.h"

bool am_explain_member(const am_instance *inst, int c, int e, am_member_reason *out)
{
    memset(out, 0, sizeof *out);
    am_cand cand;
    if (!am_candidate_of(inst, c, e, &cand))
        return false;
    const am_county *cy = am_instance_county(inst, c);
    const am_expert *x = am_instance_expert(inst, e);
    out->channel = cand.channel;
    out->industries = cand.industries;
    out->stages = cand.stages;
    out->county_prefers = am_index_in(cy->prefers, cy->n_prefers, e);
    out->expert_prefers = am_index_in(x->prefers, x->n_prefers, c);
    out->score = cand.score;
    return true;
}

/* What the other groups of the result take of each expert. */
typedef struct usage {
    int *member, *lead; /* per expert: memberships, leaderships in `res` */
} usage;

static bool count_usage(const am_instance *inst, const am_result *res, am_arena *a, usage *u)
{
    int n = am_instance_n_experts(inst);
    u->member = AM_ARENA_ARRAY(a, int, n + 1);
    u->lead = AM_ARENA_ARRAY(a, int, n + 1);
    if (!u->member || !u->lead)
        return false;
    am_result_count_usage(res, n, u->member, u->lead);
    return true;
}

/* Which candidates of county c a shortfall is about. */
typedef enum want { W_ANY, W_LEAD, W_LOCAL, W_PAIRED, W_INDUSTRY, W_STAGE } want;

typedef struct tally {
    int n;    /* candidates of the kind */
    int here; /* of them, already in the group */
    int free; /* of them, not in the group and with room left */
} tally;

static tally count_candidates(const am_instance *inst, const usage *u, const am_group *gr, int c,
                              want w, int industry, unsigned stage)
{
    tally t = {0, 0, 0};
    for (int e = 0; e < am_instance_n_experts(inst); e++) {
        am_cand cand;
        if (!am_candidate_of(inst, c, e, &cand))
            continue;
        bool fits = w == W_ANY || (w == W_LEAD && (cand.flags & AM_CAND_CAN_LEAD)) ||
                    (w == W_LOCAL && (cand.flags & AM_CAND_LOCAL)) ||
                    (w == W_PAIRED && (cand.flags & AM_CAND_PAIRED)) ||
                    (w == W_INDUSTRY && industry < 64 && (cand.industries >> industry & 1u)) ||
                    (w == W_STAGE && (cand.stages & stage));
        if (!fits)
            continue;
        t.n++;
        bool here = false;
        for (int i = 0; i < gr->n_members && !here; i++)
            here = gr->members[i].expert == e;
        const am_expert *x = am_instance_expert(inst, e);
        bool room = u->member[e] < x->capacity &&
                    (w != W_LEAD || u->lead[e] < x->leader_capacity);
        t.here += here;
        t.free += !here && room;
    }
    return t;
}

/* "{tea, kiwifruit}": the county's industries. */
static void industry_list(const am_instance *inst, const am_county *cy, char *buf, size_t size)
{
    size_t len = (size_t)snprintf(buf, size, "{");
    for (int i = 0; i < cy->n_industries && len < size; i++)
        len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "",
                                am_instance_field_name(inst, cy->industries[i].field));
    if (len < size)
        snprintf(buf + len, size - len, "}");
}

/* The end of a sentence about the candidates of a kind ("candidate", "candidates"): all taken,
 * or some with room that the group could still not use. */
static void busy_or_free(const tally *t, const char *one, const char *many, char *buf,
                         size_t size)
{
    int away = t->n - t->here; /* not in the group */
    if (t->free == 0 && t->here > 0 && away == 0)
        snprintf(buf, size, "%s %s %s already in the group; there is no other",
                 t->n == 1 ? "its only" : "all its", t->n == 1 ? one : many,
                 t->n == 1 ? "is" : "are");
    else if (t->free == 0 && t->here > 0)
        snprintf(buf, size, "%d of its %d %s %s already in the group; the other %d lead or sit "
                            "in other groups up to their capacity", t->here, t->n, many,
                 t->here == 1 ? "is" : "are", away);
    else if (t->free == 0 && t->n == 1)
        snprintf(buf, size, "its only %s leads or sits in other groups up to its capacity", one);
    else if (t->free == 0)
        snprintf(buf, size, "all %d %s lead or sit in other groups up to their capacity", t->n,
                 many);
    else if (t->n == 1)
        snprintf(buf, size, "its only %s still had room, but taking it would break another rule "
                            "of the group (its size or organisation cap) or cost more in another "
                            "group", one);
    else
        snprintf(buf, size, "%d of its %d %s still had room, but taking one would break another "
                            "rule of the group (its size or organisation cap) or cost more in "
                            "another group", t->free, t->n, many);
}

static void explain_leader(const am_instance *inst, const usage *u, const am_group *gr, int c,
                           char *buf, size_t size)
{
    char inds[200], rest[300];
    industry_list(inst, am_instance_county(inst, c), inds, sizeof inds);
    tally t = count_candidates(inst, u, gr, c, W_LEAD, 0, 0);
    if (t.n == 0) {
        snprintf(buf, size, "no national-level expert with a field in %s can lead here (none "
                            "has such a field, or they are inactive, declined the county or have "
                            "leader capacity 0)", inds);
        return;
    }
    busy_or_free(&t, "candidate", "candidates", rest, sizeof rest);
    snprintf(buf, size, "no national-level expert with a field in %s has capacity left: %s",
             inds, rest);
}

static void explain_local(const am_instance *inst, const usage *u, const am_group *gr, int c,
                          char *buf, size_t size)
{
    const am_county *cy = am_instance_county(inst, c);
    tally t = count_candidates(inst, u, gr, c, W_LOCAL, 0, 0);
    int living = 0;
    for (int e = 0; e < am_instance_n_experts(inst); e++)
        living += am_instance_expert(inst, e)->county == c;
    char rest[300];
    if (t.n == 0 && cy->n_recommended > 0)
        snprintf(buf, size, "none of the %d local members the county recommended can serve "
                            "(inactive, declined, or capacity 0)", cy->n_recommended);
    else if (t.n == 0 && living == 0)
        snprintf(buf, size, "the county recommended no local member, and no expert of the pool "
                            "lives in it");
    else if (t.n == 0)
        snprintf(buf, size, "the county recommended no local member, and its %d local experts "
                            "cannot serve (inactive, declined, or capacity 0)", living);
    else {
        busy_or_free(&t, "local candidate", "local candidates", rest, sizeof rest);
        snprintf(buf, size, "%s", rest);
    }
}

static void explain_pairing(const am_instance *inst, const usage *u, const am_group *gr, int c,
                            char *buf, size_t size)
{
    const am_province *pv = am_instance_province(inst, am_instance_county(inst, c)->province);
    if (pv->n_paired == 0) {
        snprintf(buf, size, "%s has no eastern partner province", pv->name);
        return;
    }
    tally t = count_candidates(inst, u, gr, c, W_PAIRED, 0, 0);
    char names[160] = "";
    size_t len = 0;
    int paired = 0;
    for (int i = 0; i < pv->n_paired && len < sizeof names; i++)
        len += (size_t)snprintf(names + len, sizeof names - len, "%s%s", i ? " and " : "",
                                am_instance_province(inst, pv->paired[i])->name);
    for (int k = 0; k < am_instance_n_counties(inst); k++) { /* counties sharing a partner */
        const am_province *q = am_instance_province(inst, am_instance_county(inst, k)->province);
        bool shares = false;
        for (int i = 0; i < pv->n_paired && !shares; i++)
            shares = am_index_in(q->paired, q->n_paired, pv->paired[i]);
        paired += shares;
    }
    len = (size_t)snprintf(buf, size, "%s %s %d expert%s with matching fields who can serve "
                                      "here and %d counties paired with %s", names,
                           pv->n_paired > 1 ? "have" : "has", t.n, t.n == 1 ? "" : "s", paired,
                           pv->n_paired > 1 ? "them" : "it");
    if (len >= size || t.n == 0)
        return;
    if (t.free == 0)
        snprintf(buf + len, size - len, "; %s in other groups up to %s capacity",
                 t.n == 1 ? "that one sits" : "all of them sit", t.n == 1 ? "its" : "their");
    else
        snprintf(buf + len, size - len, "; %d of them still had room, but taking one would break "
                                        "another rule of the group or cost more elsewhere",
                 t.free);
}

static void explain_cover(const am_instance *inst, const usage *u, const am_group *gr, int c,
                          const am_shortfall *sf, char *buf, size_t size)
{
    const am_county *cy = am_instance_county(inst, c);
    bool stage = sf->rule == AM_RULE_STAGE;
    int industry = 64;
    unsigned mask = 0;
    if (stage) {
        int s = am_stage_parse(sf->detail);
        mask = s >= 0 ? 1u << s : 0;
    } else {
        for (int i = 0; i < cy->n_industries; i++)
            if (strcmp(am_instance_field_name(inst, cy->industries[i].field), sf->detail) == 0)
                industry = i;
    }
    tally t = count_candidates(inst, u, gr, c, stage ? W_STAGE : W_INDUSTRY, industry, mask);
    const char *what = stage ? "the stage" : "the field";
    int anywhere = 0;
    int field = stage ? -1 : am_instance_find_field(inst, sf->detail);
    for (int e = 0; e < am_instance_n_experts(inst); e++) {
        const am_expert *x = am_instance_expert(inst, e);
        anywhere += stage ? (x->stages & mask) != 0 : (field >= 0 && am_expert_has_field(x, field));
    }
    char rest[300];
    if (anywhere == 0)
        snprintf(buf, size, "no expert of the pool covers %s %s", what, sf->detail);
    else if (t.n == 0)
        snprintf(buf, size, "none of the %d experts who cover %s %s can serve here (from "
                            "provinces other than %s or its partner and not national-level, "
                            "inactive, declined, or capacity 0)", anywhere, what, sf->detail,
                 am_instance_province(inst, cy->province)->name);
    else {
        busy_or_free(&t, "candidate who covers it", "candidates who cover it", rest, sizeof rest);
        snprintf(buf, size, "%s", rest);
    }
}

am_status am_explain_shortfall(const am_instance *inst, const am_result *res, int c,
                               const am_shortfall *sf, char *buf, size_t size, am_error *err)
{
    am_arena *a = am_arena_new();
    usage u;
    if (!a || !count_usage(inst, res, a, &u)) {
        am_arena_free(a);
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory explaining a shortfall");
    }
    const am_group *gr = am_result_group(res, c);
    char rest[300];
    switch (sf->rule) {
    case AM_RULE_LEADER: explain_leader(inst, &u, gr, c, buf, size); break;
    case AM_RULE_LOCAL: explain_local(inst, &u, gr, c, buf, size); break;
    case AM_RULE_PAIRING: explain_pairing(inst, &u, gr, c, buf, size); break;
    case AM_RULE_INDUSTRY:
    case AM_RULE_STAGE: explain_cover(inst, &u, gr, c, sf, buf, size); break;
    default: {
        tally t = count_candidates(inst, &u, gr, c, W_ANY, 0, 0);
        if (t.n < am_instance_policy(inst)->size_min)
            snprintf(buf, size, "the county has only %d candidates in the whole pool", t.n);
        else {
            busy_or_free(&t, "candidate", "candidates", rest, sizeof rest);
            snprintf(buf, size, "%s", rest);
        }
    }
    }
    am_arena_free(a);
    return AM_OK;
}
