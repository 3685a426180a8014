/* models/match_improve.c: better groups from the greedy's by local moves that keep every hard
 * rule (docs/formulation.md, "The first groups"). In one county: add a candidate with room, drop
 * a member, or swap a member for a candidate with room (a leader only for one who can lead).
 * Across two counties: an expert with no room left moves from county A, which takes its best
 * replacement with room (or none, or the member B gives up), to county B, which adds it or
 * swaps it for a member, when B gains more than A loses. A group without a leader may take a
 * leader in a member's place, promote a member, or take an expert with no room to lead from a
 * county that holds it (which takes its best replacement). Candidates come from each county's
 * short list (its best by objective and enough of each kind the rules ask for). A move is
 * valued from the county's running tally (how many members cover each industry and stage), not
 * by recounting its group. Moves are tried in a fixed order and each strictly raises the
 * objective, so the result is deterministic and the passes end. */
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

/* A move in one county: member `out` (slot, -1: none) leaves, pair `in` (-1: none) joins. */
typedef struct move {
    int out;
    long long in;
    bool lead; /* `in` leads */
} move;

struct match_improver {
    const match_model *m;
    unsigned char *chosen, *leads; /* the groups, by pair (the caller's, changed in place) */
    int *cap_left, *lead_left;     /* per expert */
    member *mem;                   /* per county GROUP_MAX slots */
    int *n_mem;
    match_tally *t;                /* per county: its group's tally (score: objective sum) */
    unsigned char *ind_cnt;        /* per county 64: members covering each industry */
    unsigned char *stage_cnt;      /* per county AM_N_STAGES: members covering each stage */
    long long *val;                /* per county: its part of the objective */
    int *org;                      /* per expert: its organisation */
    long long *sl, *sl_start;      /* per county its short list: sl[sl_start[c] ..) */
    long long *e_start, *e_pair;   /* per expert its candidate pairs */
};
typedef match_improver improve;

static member *slot_of(const improve *u, int c, int i)
{
    return &u->mem[(long long)c * GROUP_MAX + i];
}

static bool locked(const improve *u, long long k) { return u->m->lock && u->m->lock[k]; }

/* The bits of `mask` that only the leaving member covers (count 1). */
static uint64_t lost_bits(uint64_t mask, const unsigned char *cnt, int n_bits)
{
    uint64_t lost = 0;
    for (int b = 0; b < n_bits; b++)
        if ((mask >> b & 1) && cnt[b] == 1)
            lost |= (uint64_t)1 << b;
    return lost;
}

/* County c's value after move mv, or LLONG_MIN when it breaks a hard rule. Room of the experts
 * is the caller's business. */
static long long value_after(const improve *u, int c, move mv)
{
    const match_model *m = u->m;
    const am_policy *p = m->pol;
    match_tally t = u->t[c];
    if (mv.out >= 0) {
        const member *o = slot_of(u, c, mv.out);
        const am_cand *cd = &m->cands->cands[o->k];
        t.n_members--;
        t.n_local -= (cd->flags & AM_CAND_LOCAL) != 0;
        t.n_paired -= (cd->flags & AM_CAND_PAIRED) != 0;
        t.has_leader &= !o->lead;
        t.industries &= ~lost_bits(cd->industries, u->ind_cnt + (long long)c * 64, 64);
        t.stages &= ~(unsigned)lost_bits(cd->stages, u->stage_cnt + (long long)c * AM_N_STAGES,
                                         AM_N_STAGES);
        t.score -= match_pair_objective(m, o->k);
    }
    if (mv.in >= 0) {
        const am_cand *cd = &m->cands->cands[mv.in];
        int org = u->org[cd->expert], same = 0;
        for (int i = 0; i < u->n_mem[c]; i++)
            same += i != mv.out && u->org[m->cands->cands[slot_of(u, c, i)->k].expert] == org;
        if (same >= p->max_same_org ||
            (mv.lead && (t.has_leader || !(cd->flags & AM_CAND_CAN_LEAD))))
            return LLONG_MIN;
        t.n_members++;
        t.n_local += (cd->flags & AM_CAND_LOCAL) != 0;
        t.n_paired += (cd->flags & AM_CAND_PAIRED) != 0;
        t.has_leader |= mv.lead;
        t.industries |= cd->industries;
        t.stages |= cd->stages;
        t.score += match_pair_objective(m, mv.in);
    }
    if (t.n_members > p->size_max || t.n_local > p->local_max || t.n_paired > p->pairing_max)
        return LLONG_MIN;
    return t.score - match_tally_penalty(m, c, &t);
}

/* Count member k of county c in (delta +1) or out (-1) of the books. */
static void book(improve *u, int c, const member *mb, int delta)
{
    const match_model *m = u->m;
    const am_cand *cd = &m->cands->cands[mb->k];
    match_tally *t = &u->t[c];
    unsigned char *ic = u->ind_cnt + (long long)c * 64;
    unsigned char *sc = u->stage_cnt + (long long)c * AM_N_STAGES;
    u->chosen[mb->k] = delta > 0;
    u->leads[mb->k] = delta > 0 && mb->lead;
    u->cap_left[cd->expert] -= delta;
    u->lead_left[cd->expert] -= delta * mb->lead;
    t->n_members += delta;
    t->n_local += delta * ((cd->flags & AM_CAND_LOCAL) != 0);
    t->n_paired += delta * ((cd->flags & AM_CAND_PAIRED) != 0);
    t->score += delta * match_pair_objective(m, mb->k);
    if (mb->lead)
        t->has_leader = delta > 0;
    t->industries = t->stages = 0;
    for (int b = 0; b < 64; b++) {
        ic[b] = (unsigned char)(ic[b] + delta * (int)(cd->industries >> b & 1));
        t->industries |= (uint64_t)(ic[b] > 0) << b;
    }
    for (int s = 0; s < AM_N_STAGES; s++) {
        sc[s] = (unsigned char)(sc[s] + delta * (int)(cd->stages >> s & 1));
        t->stages |= (unsigned)(sc[s] > 0) << s;
    }
}

/* Make move mv in county c, now worth v. */
static void apply(improve *u, int c, move mv, long long v)
{
    if (mv.out >= 0) {
        book(u, c, slot_of(u, c, mv.out), -1);
        *slot_of(u, c, mv.out) = *slot_of(u, c, u->n_mem[c] - 1);
        u->n_mem[c]--;
    }
    if (mv.in >= 0) {
        *slot_of(u, c, u->n_mem[c]) = (member){mv.in, mv.lead};
        book(u, c, slot_of(u, c, u->n_mem[c]), +1);
        u->n_mem[c]++;
    }
    u->val[c] = v;
}

/* Has pair k's expert room (as leader if `lead`), `freed` places given back to it? */
static bool has_room(const improve *u, long long k, bool lead, int freed)
{
    int e = u->m->cands->cands[k].expert;
    return !u->chosen[k] && u->cap_left[e] + freed >= 1 &&
           (!lead || ((u->m->cands->cands[k].flags & AM_CAND_CAN_LEAD) && u->lead_left[e] >= 1));
}

static long long out_objective(const improve *u, int c, int slot)
{
    return slot < 0 ? 0 : match_pair_objective(u->m, slot_of(u, c, slot)->k);
}

/* Keep mv if it beats *best. Its value is at most the county's value with its penalties gone,
 * less what leaves and plus what joins: a move that cannot beat *best that way is not valued. */
static void consider(const improve *u, int c, move mv, long long *best, move *best_mv)
{
    long long pen = u->t[c].score - u->val[c];
    long long most = u->val[c] + pen - out_objective(u, c, mv.out) +
                     (mv.in < 0 ? 0 : match_pair_objective(u->m, mv.in));
    if (most <= *best)
        return;
    long long v = value_after(u, c, mv);
    if (v > *best) {
        *best = v;
        *best_mv = mv;
    }
}

/* The best change of county c alone: add, drop or swap. Applies it; returns its gain (0: none). */
static long long best_in_county(improve *u, int c)
{
    long long best = u->val[c];
    move best_mv = {-1, -1, false};
    for (int i = 0; i < u->n_mem[c]; i++) /* drop */
        if (!locked(u, slot_of(u, c, i)->k))
            consider(u, c, (move){i, -1, false}, &best, &best_mv);
    for (long long q = u->sl_start[c]; q < u->sl_start[c + 1]; q++) {
        long long k = u->sl[q];
        if (!has_room(u, k, false, 0))
            continue;
        if (u->n_mem[c] < GROUP_MAX) { /* add, as member or as leader */
            consider(u, c, (move){-1, k, false}, &best, &best_mv);
            if (has_room(u, k, true, 0))
                consider(u, c, (move){-1, k, true}, &best, &best_mv);
        }
        for (int i = 0; i < u->n_mem[c]; i++) { /* swap: k takes member i's role */
            const member *o = slot_of(u, c, i);
            if (!locked(u, o->k) && (!o->lead || has_room(u, k, true, 0)))
                consider(u, c, (move){i, k, o->lead}, &best, &best_mv);
            /* without a leader: k may also lead in member i's place */
            if (!u->t[c].has_leader && !o->lead && !locked(u, o->k) && has_room(u, k, true, 0))
                consider(u, c, (move){i, k, true}, &best, &best_mv);
        }
    }
    for (int i = 0; i < u->n_mem[c] && !u->t[c].has_leader; i++) { /* a member takes the lead */
        const member *o = slot_of(u, c, i);
        int e = u->m->cands->cands[o->k].expert;
        if (!locked(u, o->k) && (u->m->cands->cands[o->k].flags & AM_CAND_CAN_LEAD) &&
            u->lead_left[e] >= 1)
            consider(u, c, (move){i, o->k, true}, &best, &best_mv);
    }
    if (best_mv.out < 0 && best_mv.in < 0)
        return 0;
    long long gain = best - u->val[c];
    apply(u, c, best_mv, best);
    return gain;
}

/* County a's best value without its member `slot` (pair ka), when a value above `need` is what
 * counts: dropping it, or a replacement with room (b's outgoing expert `freed` counting as having
 * room), as leader too when ka led. LLONG_MIN when none keeps the rules. */
static long long best_without(const improve *u, int a, int slot, int e, int freed, long long need,
                              move *ma)
{
    const match_model *m = u->m;
    bool led = slot_of(u, a, slot)->lead;
    long long va = value_after(u, a, (move){slot, -1, false}), vr = va > need ? va : need;
    move mr = {slot, -1, false};
    *ma = (move){slot, -1, false};
    for (long long r = u->sl_start[a]; r < u->sl_start[a + 1]; r++) {
        long long kr = u->sl[r];
        int er = m->cands->cands[kr].expert;
        if (er == e || !has_room(u, kr, false, er == freed))
            continue;
        consider(u, a, (move){slot, kr, false}, &vr, &mr);
        if (led && has_room(u, kr, true, er == freed))
            consider(u, a, (move){slot, kr, true}, &vr, &mr);
    }
    if (mr.in >= 0) {
        *ma = mr;
        return vr;
    }
    return va;
}

/* County b's best way to take pair k (as leader when `lead`), whatever room k's expert has:
 * added, or in place of a member that is neither locked nor leading. mb->in < 0: none keeps
 * the rules. */
static void best_entry(const improve *u, int b, long long k, bool lead, long long *vb, move *mb)
{
    *vb = LLONG_MIN;
    *mb = (move){-1, -1, false};
    if (u->n_mem[b] < GROUP_MAX)
        consider(u, b, (move){-1, k, lead}, vb, mb);
    for (int i = 0; i < u->n_mem[b]; i++) {
        const member *o = slot_of(u, b, i);
        if (!locked(u, o->k) && !o->lead)
            consider(u, b, (move){i, k, lead}, vb, mb);
    }
}

/* County b's move mb (worth vb to b) brings in expert e, who has no room for it: the first
 * county a that holds e and can let it go for b's gain makes room (a's best without e, by
 * best_without); both moves are applied and the gain returned (0: no such a). A lead move needs
 * a that e leads when e has no leadership left; a member move never takes e's leadership. */
static long long take_from_holder(improve *u, int b, move mb, long long vb, int e)
{
    const match_model *m = u->m;
    int freed = mb.out >= 0 ? m->cands->cands[slot_of(u, b, mb.out)->k].expert : -1;
    for (long long t = u->e_start[e]; t < u->e_start[e + 1]; t++) {
        long long ka = u->e_pair[t];
        int a = m->pair_county[ka], slot = -1;
        if (!u->chosen[ka] || locked(u, ka) || a == b)
            continue;
        if (mb.lead ? u->lead_left[e] < 1 && !u->leads[ka] : u->leads[ka] != 0)
            continue; /* leaving a must give e the room b needs */
        for (int i = 0; i < u->n_mem[a]; i++)
            if (slot_of(u, a, i)->k == ka)
                slot = i;
        /* only values of a above `need` make the move gain */
        long long need = u->val[a] - (vb - u->val[b]);
        move ma;
        long long va = best_without(u, a, slot, e, freed, need, &ma);
        if (va == LLONG_MIN || va <= need)
            continue;
        long long gain = (vb - u->val[b]) + (va - u->val[a]);
        apply(u, a, ma, va); /* frees e's place first, then b takes it */
        apply(u, b, mb, vb);
        return gain;
    }
    return 0;
}

/* Moves into county b of an expert with no room left, from a county that holds it, which takes
 * its best replacement (take_from_holder; b's outgoing member counts as having room: then the
 * two counties exchange experts). As a member (`lead` false): an expert with no place left. As
 * leader (`lead`, only while b has none): an expert with no place or no leadership left, from a
 * county it leads when its leadership is what is short. Applies the first that gains; returns
 * the gain (0: none). */
static long long transfer_into(improve *u, int b, bool lead)
{
    const match_model *m = u->m;
    if (lead && u->t[b].has_leader)
        return 0;
    for (long long q = u->sl_start[b]; q < u->sl_start[b + 1]; q++) {
        long long k = u->sl[q];
        int e = m->cands->cands[k].expert;
        if (u->chosen[k])
            continue;
        if (!lead && u->cap_left[e] > 0)
            continue;
        if (lead && (!(m->cands->cands[k].flags & AM_CAND_CAN_LEAD) ||
                     (u->cap_left[e] > 0 && u->lead_left[e] > 0)))
            continue; /* with room to lead, the moves in one county take it */
        long long vb;
        move mb;
        best_entry(u, b, k, lead, &vb, &mb); /* leading: b has no leader, no member of it leads */
        if (mb.in < 0 || vb <= u->val[b])
            continue;
        long long gain = take_from_holder(u, b, mb, vb, e);
        if (gain > 0)
            return gain;
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

/* What stays from call to call: short lists, pairs by expert, organisations by expert. */
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
    u->t = AM_ARENA_ARRAY(a, match_tally, nc + 1);
    u->ind_cnt = AM_ARENA_ARRAY(a, unsigned char, (long long)nc * 64 + 1);
    u->stage_cnt = AM_ARENA_ARRAY(a, unsigned char, (long long)nc * AM_N_STAGES + 1);
    u->org = AM_ARENA_ARRAY(a, int, ne + 1);
    u->sl = AM_ARENA_ARRAY(a, long long, np + 1);
    u->sl_start = AM_ARENA_ARRAY(a, long long, nc + 1);
    u->e_start = AM_ARENA_ARRAY(a, long long, ne + 2);
    u->e_pair = AM_ARENA_ARRAY(a, long long, np + 1);
    if (!u->cap_left || !u->lead_left || !u->mem || !u->n_mem || !u->val || !u->t ||
        !u->ind_cnt || !u->stage_cnt || !u->org || !u->sl ||
        !u->sl_start || !u->e_start || !u->e_pair)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory improving the groups");
    for (int e = 0; e < ne; e++)
        u->org[e] = am_instance_expert(m->inst, e)->org;
    long long at = 0;
    for (int c = 0; c < nc; c++) {
        for (long long k = m->cands->start[c]; k < m->cands->start[c + 1]; k++)
            u->e_start[m->cands->cands[k].expert + 2]++;
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
    int ne = am_instance_n_experts(m->inst), nc = m->cands->n_counties;
    u->chosen = chosen;
    u->leads = leads;
    for (int e = 0; e < ne; e++) {
        u->cap_left[e] = am_instance_expert(m->inst, e)->capacity;
        u->lead_left[e] = am_instance_expert(m->inst, e)->leader_capacity;
    }
    memset(u->t, 0, sizeof(match_tally) * (size_t)nc);
    memset(u->ind_cnt, 0, (size_t)nc * 64);
    memset(u->stage_cnt, 0, (size_t)nc * AM_N_STAGES);
    for (int c = 0; c < nc; c++) {
        u->n_mem[c] = 0;
        for (long long k = m->cands->start[c]; k < m->cands->start[c + 1]; k++) {
            if (!chosen[k])
                continue;
            if (u->n_mem[c] >= GROUP_MAX)
                return am_error_set(err, AM_EINTERNAL, NULL, NULL,
                                    "a group of over %d members", GROUP_MAX);
            *slot_of(u, c, u->n_mem[c]) = (member){k, leads[k] != 0};
            book(u, c, slot_of(u, c, u->n_mem[c]), +1);
            u->n_mem[c]++;
        }
        u->val[c] = u->t[c].score - match_tally_penalty(m, c, &u->t[c]);
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
            while ((g = transfer_into(u, b, false)) > 0)
                gained += g;
        for (int b = 0; b < nc; b++)
            while ((g = transfer_into(u, b, true)) > 0)
                gained += g;
        if (gained == 0)
            break;
    }
    return AM_OK;
}
