/* models/match_improve.c: better groups from the greedy's by local moves that keep every hard
 * rule (docs/formulation.md, "The first groups"). In one county: add a candidate with room, drop
 * a member, or swap a member for a candidate with room (a leader only for one who can lead).
 * Across two counties: an expert with no room left moves from county A, which takes its best
 * replacement with room (or none), to county B, which adds it or swaps it for a member, when B
 * gains more than A loses. Candidates come from each county's short list (its best by objective
 * and enough of each kind the rules ask for). Moves are tried in a fixed order and each strictly
 * raises the objective, so the result is deterministic and the passes end. */
#include <limits.h>
#include <string.h>

#include "match_model.h"

/* The short list of a county, and how many passes at most. */
enum { SL_BEST = 30, SL_LEAD = 8, SL_PAIRED = 6, SL_COVER = 2, IMPROVE_PASSES = 8 };
/* The largest group size the moves handle (policy size_max is validated far below this). */
enum { GROUP_MAX = 64 };

typedef struct member {
    long long k;
    bool lead;
} member;

struct match_improver {
    const match_model *m;
    unsigned char *chosen, *leads; /* the groups, by pair (the caller's, changed in place) */
    int *cap_left, *lead_left;     /* per expert */
    member *mem;                   /* per county GROUP_MAX slots */
    int *n_mem;
    long long *val;                /* per county: its part of the objective */
    long long *sl, *sl_start;      /* per county its short list: sl[sl_start[c] ..) */
    long long *e_start, *e_pair;   /* per expert its candidate pairs */
    int *county;                   /* per pair */
};
typedef match_improver improve;

/* The value of group g (n members) of county c, or LLONG_MIN when it breaks a hard rule. */
static long long group_value(const improve *u, int c, const member *g, int n)
{
    const match_model *m = u->m;
    const am_policy *p = m->pol;
    match_tally t = {0};
    long long obj = 0;
    int leaders = 0;
    if (n > p->size_max)
        return LLONG_MIN;
    for (int i = 0; i < n; i++) {
        const am_cand *cd = &m->cands->cands[g[i].k];
        int org = am_instance_expert(m->inst, cd->expert)->org, same = 1;
        for (int j = 0; j < i; j++)
            same += am_instance_expert(m->inst, m->cands->cands[g[j].k].expert)->org == org;
        if (same > p->max_same_org || (g[i].lead && !(cd->flags & AM_CAND_CAN_LEAD)))
            return LLONG_MIN;
        leaders += g[i].lead;
        t.n_members++;
        t.n_local += (cd->flags & AM_CAND_LOCAL) != 0;
        t.n_paired += (cd->flags & AM_CAND_PAIRED) != 0;
        t.industries |= cd->industries;
        t.stages |= cd->stages;
        obj += match_pair_objective(m, g[i].k);
    }
    if (leaders > 1 || t.n_local > p->local_max || t.n_paired > p->pairing_max)
        return LLONG_MIN;
    t.has_leader = leaders == 1;
    return obj - match_tally_penalty(m, c, &t);
}

/* County c's group with member `out` (-1: none) removed and pair `in` (-1: none) added in role
 * `lead`, into g; returns its size. */
static int edited(const improve *u, int c, int out, long long in, bool lead, member *g)
{
    int n = 0;
    for (int i = 0; i < u->n_mem[c]; i++)
        if (i != out)
            g[n++] = u->mem[(long long)c * GROUP_MAX + i];
    if (in >= 0)
        g[n++] = (member){in, lead};
    return n;
}

static bool locked(const improve *u, long long k) { return u->m->lock && u->m->lock[k]; }

/* Make county c's group g (n members), worth v, and keep the books of every expert. */
static void apply(improve *u, int c, const member *g, int n, long long v)
{
    const match_model *m = u->m;
    for (int i = 0; i < u->n_mem[c]; i++) {
        member old = u->mem[(long long)c * GROUP_MAX + i];
        int e = m->cands->cands[old.k].expert;
        u->chosen[old.k] = u->leads[old.k] = 0;
        u->cap_left[e]++;
        u->lead_left[e] += old.lead;
    }
    for (int i = 0; i < n; i++) {
        int e = m->cands->cands[g[i].k].expert;
        u->chosen[g[i].k] = 1;
        u->leads[g[i].k] = g[i].lead;
        u->cap_left[e]--;
        u->lead_left[e] -= g[i].lead;
        u->mem[(long long)c * GROUP_MAX + i] = g[i];
    }
    u->n_mem[c] = n;
    u->val[c] = v;
}

/* Can pair k join (as leader if `lead`) with the room its expert has, `freed` places added? */
static bool has_room(const improve *u, long long k, bool lead, int freed, int freed_lead)
{
    int e = u->m->cands->cands[k].expert;
    return !u->chosen[k] && u->cap_left[e] + freed >= 1 &&
           (!lead || ((u->m->cands->cands[k].flags & AM_CAND_CAN_LEAD) &&
                      u->lead_left[e] + freed_lead >= 1));
}

/* The best change of county c alone: add, drop or swap. Applies it; returns its gain (0: none). */
static long long best_in_county(improve *u, int c)
{
    member g[GROUP_MAX + 1], best_g[GROUP_MAX + 1];
    long long best = u->val[c];
    int best_n = -1, n;
    bool has_leader = false;
    for (int i = 0; i < u->n_mem[c]; i++)
        has_leader |= u->mem[(long long)c * GROUP_MAX + i].lead;
    for (int i = 0; i < u->n_mem[c]; i++) { /* drop */
        if (locked(u, u->mem[(long long)c * GROUP_MAX + i].k))
            continue;
        long long v = group_value(u, c, g, n = edited(u, c, i, -1, false, g));
        if (v > best) {
            best = v, best_n = n;
            memcpy(best_g, g, sizeof(member) * (size_t)n);
        }
    }
    for (long long q = u->sl_start[c]; q < u->sl_start[c + 1]; q++) {
        long long k = u->sl[q];
        if (u->chosen[k] || !has_room(u, k, false, 0, 0))
            continue;
        for (int lead = 0; lead <= 1; lead++) { /* add */
            if ((lead && (has_leader || !has_room(u, k, true, 0, 0))) || u->n_mem[c] >= GROUP_MAX)
                continue;
            long long v = group_value(u, c, g, n = edited(u, c, -1, k, lead, g));
            if (v > best) {
                best = v, best_n = n;
                memcpy(best_g, g, sizeof(member) * (size_t)n);
            }
        }
        for (int i = 0; i < u->n_mem[c]; i++) { /* swap: k takes member i's role */
            member out = u->mem[(long long)c * GROUP_MAX + i];
            if (locked(u, out.k) || (out.lead && !has_room(u, k, true, 0, 0)))
                continue;
            long long v = group_value(u, c, g, n = edited(u, c, i, k, out.lead, g));
            if (v > best) {
                best = v, best_n = n;
                memcpy(best_g, g, sizeof(member) * (size_t)n);
            }
        }
    }
    if (best_n < 0)
        return 0;
    long long gain = best - u->val[c];
    apply(u, c, best_g, best_n, best);
    return gain;
}

/* County b's best group with pair k (an expert whose place another county gives up) added as a
 * member or swapped for a member, into g; returns its value (LLONG_MIN: none fits). */
static long long best_with(const improve *u, int b, long long k, member *g, int *n_out)
{
    member t[GROUP_MAX + 1];
    long long best = LLONG_MIN;
    for (int i = -1; i < u->n_mem[b]; i++) {
        if (i >= 0) {
            member out = u->mem[(long long)b * GROUP_MAX + i];
            if (locked(u, out.k) || out.lead)
                continue;
        } else if (u->n_mem[b] >= GROUP_MAX) {
            continue;
        }
        int n = edited(u, b, i, k, false, t);
        long long v = group_value(u, b, t, n);
        if (v > best) {
            best = v, *n_out = n;
            memcpy(g, t, sizeof(member) * (size_t)n);
        }
    }
    return best;
}

/* County a's best group without its member at slot `slot` (expert e), with the best
 * replacement that has room (or none), into g; returns its value. */
static long long best_without(const improve *u, int a, int slot, int e, member *g, int *n_out)
{
    member t[GROUP_MAX + 1];
    int n = edited(u, a, slot, -1, false, t);
    long long best = group_value(u, a, t, n);
    *n_out = n;
    memcpy(g, t, sizeof(member) * (size_t)n);
    for (long long q = u->sl_start[a]; q < u->sl_start[a + 1]; q++) {
        long long r = u->sl[q];
        if (u->m->cands->cands[r].expert == e || !has_room(u, r, false, 0, 0))
            continue;
        n = edited(u, a, slot, r, false, t);
        long long v = group_value(u, a, t, n);
        if (v > best) {
            best = v, *n_out = n;
            memcpy(g, t, sizeof(member) * (size_t)n);
        }
    }
    return best;
}

/* Moves of an expert with no room left into county b from the county that holds it. Applies
 * the first that gains; returns the gain (0: none). */
static long long transfer_into(improve *u, int b)
{
    const match_model *m = u->m;
    member gb[GROUP_MAX + 1], ga[GROUP_MAX + 1];
    for (long long q = u->sl_start[b]; q < u->sl_start[b + 1]; q++) {
        long long k = u->sl[q];
        int e = m->cands->cands[k].expert, nb = 0, na = 0;
        if (u->chosen[k] || u->cap_left[e] > 0)
            continue;
        long long vb = best_with(u, b, k, gb, &nb);
        if (vb == LLONG_MIN || vb <= u->val[b])
            continue;
        for (long long t = u->e_start[e]; t < u->e_start[e + 1]; t++) {
            long long ka = u->e_pair[t];
            int a = u->county[ka], slot = -1;
            if (!u->chosen[ka] || u->leads[ka] || locked(u, ka) || a == b)
                continue;
            for (int i = 0; i < u->n_mem[a]; i++)
                if (u->mem[(long long)a * GROUP_MAX + i].k == ka)
                    slot = i;
            long long va = best_without(u, a, slot, e, ga, &na);
            long long gain = (vb - u->val[b]) + (va - u->val[a]);
            if (gain <= 0)
                continue;
            apply(u, a, ga, na, va); /* frees e's place first, then b takes it */
            apply(u, b, gb, nb, vb);
            return gain;
        }
    }
    return 0;
}

/* County c's short list from m->rank. */
static long long short_list(improve *u, int c, long long at)
{
    const match_model *m = u->m;
    const am_county *cy = am_instance_county(m->inst, c);
    long long first = m->cands->start[c], n = m->cands->start[c + 1] - first;
    int n_lead = 0, n_paired = 0, n_ind[64] = {0}, n_stage[AM_N_STAGES] = {0};
    u->sl_start[c] = at;
    for (long long i = 0; i < n; i++) {
        long long k = m->rank[first + i];
        const am_cand *cd = &m->cands->cands[k];
        bool take = i < SL_BEST || (cd->flags & AM_CAND_LOCAL) ||
                    ((cd->flags & AM_CAND_CAN_LEAD) && n_lead < SL_LEAD) ||
                    ((cd->flags & AM_CAND_PAIRED) && n_paired < SL_PAIRED);
        for (int j = 0; j < cy->n_industries && j < 64 && !take; j++)
            take = (cd->industries >> j & 1) && n_ind[j] < SL_COVER;
        for (int s = 0; s < AM_N_STAGES && !take; s++)
            take = (cd->stages >> s & 1) && n_stage[s] < SL_COVER;
        if (!take)
            continue;
        n_lead += (cd->flags & AM_CAND_CAN_LEAD) != 0;
        n_paired += (cd->flags & AM_CAND_PAIRED) != 0;
        for (int j = 0; j < cy->n_industries && j < 64; j++)
            n_ind[j] += (int)(cd->industries >> j & 1);
        for (int s = 0; s < AM_N_STAGES; s++)
            n_stage[s] += (int)(cd->stages >> s & 1);
        u->sl[at++] = k;
    }
    return at;
}

/* What stays from call to call: short lists, pairs by expert, the county of every pair. */
am_status match_improver_new(const match_model *m, am_arena *a, match_improver **out,
                             am_error *err)
{
    int nc = m->cands->n_counties, ne = am_instance_n_experts(m->inst);
    long long np = m->cands->n_pairs;
    improve *u = AM_ARENA_ARRAY(a, improve, 1);
    if (!u)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory improving the groups");
    *u = (improve){.m = m};
    u->cap_left = AM_ARENA_ARRAY(a, int, ne + 1);
    u->lead_left = AM_ARENA_ARRAY(a, int, ne + 1);
    u->mem = AM_ARENA_ARRAY(a, member, (long long)nc * GROUP_MAX + 1);
    u->n_mem = AM_ARENA_ARRAY(a, int, nc + 1);
    u->val = AM_ARENA_ARRAY(a, long long, nc + 1);
    u->sl = AM_ARENA_ARRAY(a, long long, np + 1);
    u->sl_start = AM_ARENA_ARRAY(a, long long, nc + 1);
    u->e_start = AM_ARENA_ARRAY(a, long long, ne + 2);
    u->e_pair = AM_ARENA_ARRAY(a, long long, np + 1);
    u->county = AM_ARENA_ARRAY(a, int, np + 1);
    if (!u->cap_left || !u->lead_left || !u->mem || !u->n_mem || !u->val || !u->sl ||
        !u->sl_start || !u->e_start || !u->e_pair || !u->county)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory improving the groups");
    long long at = 0;
    for (int c = 0; c < nc; c++) {
        for (long long k = m->cands->start[c]; k < m->cands->start[c + 1]; k++) {
            u->county[k] = c;
            u->e_start[m->cands->cands[k].expert + 2]++;
        }
        at = short_list(u, c, at);
    }
    u->sl_start[nc] = at;
    for (int e = 0; e < ne; e++)
        u->e_start[e + 2] += u->e_start[e + 1];
    for (long long k = 0; k < np; k++)
        u->e_pair[u->e_start[m->cands->cands[k].expert + 1]++] = k;
    *out = u;
    return AM_OK;
}

/* Take the groups chosen/leads as they are: members by county, room by expert, values. */
static am_status load(improve *u, unsigned char *chosen, unsigned char *leads, am_error *err)
{
    const match_model *m = u->m;
    int ne = am_instance_n_experts(m->inst);
    u->chosen = chosen;
    u->leads = leads;
    for (int e = 0; e < ne; e++) {
        u->cap_left[e] = am_instance_expert(m->inst, e)->capacity;
        u->lead_left[e] = am_instance_expert(m->inst, e)->leader_capacity;
    }
    for (int c = 0; c < m->cands->n_counties; c++) {
        u->n_mem[c] = 0;
        for (long long k = m->cands->start[c]; k < m->cands->start[c + 1]; k++) {
            if (!chosen[k])
                continue;
            int e = m->cands->cands[k].expert;
            if (u->n_mem[c] >= GROUP_MAX)
                return am_error_set(err, AM_EINTERNAL, NULL, NULL,
                                    "a group of over %d members", GROUP_MAX);
            u->mem[(long long)c * GROUP_MAX + u->n_mem[c]++] = (member){k, leads[k] != 0};
            u->cap_left[e]--;
            u->lead_left[e] -= leads[k] != 0;
        }
        u->val[c] = group_value(u, c, u->mem + (long long)c * GROUP_MAX, u->n_mem[c]);
        if (u->val[c] == LLONG_MIN)
            return am_error_set(err, AM_EINTERNAL, NULL, NULL,
                                "the groups to improve break a rule");
    }
    return AM_OK;
}

am_status match_improve(match_improver *u, unsigned char *chosen, unsigned char *leads,
                        am_error *err)
{
    am_status st = load(u, chosen, leads, err);
    if (st != AM_OK)
        return st;
    int nc = u->m->cands->n_counties;
    for (int pass = 0; pass < IMPROVE_PASSES; pass++) {
        long long gained = 0, g;
        for (int c = 0; c < nc; c++)
            while ((g = best_in_county(u, c)) > 0)
                gained += g;
        for (int b = 0; b < nc; b++)
            while ((g = transfer_into(u, b)) > 0)
                gained += g;
        if (gained == 0)
            break;
    }
    return AM_OK;
}
