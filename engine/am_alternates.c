/* engine/am_alternates.c: ranked replacements for one member of a group (am_alternates.h,
 * docs/alternates.md). Each expert that is a candidate pair of the county is tried in the
 * member's seat: the group's facts (score, local and paired counts, what it covers, the
 * current memberships it drops) are tallied from scratch for the group after the swap and
 * compared with those before; the rules decide whether the swap is allowed and the objective
 * part of the county (docs/formulation.md) gives the delta. Scratch memory lives in an arena of
 * its own, freed before returning; only the answer goes into the caller's arena. */
#include "advmatch/am_alternates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_candidates.h"

/* What the rules and the objective need to know about one county's group. */
typedef struct tally {
    long long score;        /* sum of the members' pair scores */
    int n_members, n_local, n_paired, n_dropped;
    bool has_leader;
    unsigned stages;        /* the county's needed stages that some member covers */
    unsigned char *covered; /* per industry of the county: 1 when some member has its field */
} tally;

/* The county, its policy and what does not depend on the members. */
typedef struct county_view {
    const am_instance *inst;
    const am_policy *pol;
    int c;
    const am_county *cy;
    const am_province *pv;  /* NULL when the province is unknown */
    const int *unlocked;    /* experts of the county's unlocked current memberships (unique) */
    int n_unlocked;
} county_view;

static bool is_partner(const county_view *v, int province)
{
    return v->pv && province >= 0 && am_index_in(v->pv->paired, v->pv->n_paired, province);
}

/* score(c,e) of docs/formulation.md: priority x the weights of the county's industries in the
 * expert's fields, plus the preference bonuses. */
static long long pair_score(const county_view *v, int e)
{
    const am_expert *x = am_instance_expert(v->inst, e);
    long long weights = 0;
    for (int i = 0; i < v->cy->n_industries; i++)
        if (am_expert_has_field(x, v->cy->industries[i].field))
            weights += v->cy->industries[i].weight;
    long long s = weights * v->cy->priority;
    s += am_index_in(v->cy->prefers, v->cy->n_prefers, e) ? v->pol->preference_bonus : 0;
    s += am_index_in(x->prefers, x->n_prefers, v->c) ? v->pol->preference_bonus : 0;
    return s;
}

/* Tally the group `experts[0..n)` (t->covered must hold n_industries bytes). */
static void tally_group(const county_view *v, const int *experts, int n, bool has_leader,
                        tally *t)
{
    unsigned char *covered = t->covered;
    memset(covered, 0, (size_t)v->cy->n_industries);
    *t = (tally){.n_members = n, .has_leader = has_leader, .covered = covered};
    for (int j = 0; j < n; j++) {
        const am_expert *x = am_instance_expert(v->inst, experts[j]);
        t->score += pair_score(v, experts[j]);
        t->n_local += x->county == v->c;
        t->n_paired += is_partner(v, x->province);
        t->stages |= x->stages & v->cy->stages;
        for (int i = 0; i < v->cy->n_industries; i++)
            covered[i] |= am_expert_has_field(x, v->cy->industries[i].field);
    }
    for (int u = 0; u < v->n_unlocked; u++) {
        bool kept = false;
        for (int j = 0; j < n && !kept; j++)
            kept = experts[j] == v->unlocked[u];
        t->n_dropped += !kept;
    }
}

static long long below(int n, int min) { return n < min ? min - n : 0; }

/* The county's part of the objective: member scores minus its penalties, each times the
 * county's priority (docs/formulation.md, "Objective" and "Current memberships"). */
static long long group_value(const county_view *v, const tally *t)
{
    const am_policy *p = v->pol;
    long long pen = p->pen_size * below(t->n_members, p->size_min);
    pen += t->n_members > p->size_target
               ? (long long)p->pen_over_target * (t->n_members - p->size_target)
               : 0;
    pen += t->has_leader ? 0 : p->pen_leader;
    pen += p->pen_local * below(t->n_local, p->local_min);
    if (v->pv && v->pv->n_paired > 0)
        pen += p->pen_pairing * below(t->n_paired, p->pairing_min);
    for (int i = 0; i < v->cy->n_industries; i++)
        pen += t->covered[i] ? 0 : (long long)p->pen_industry * v->cy->industries[i].weight;
    for (int s = 0; s < AM_N_STAGES; s++)
        pen += (v->cy->stages >> s & 1u) && !(t->stages >> s & 1u) ? p->pen_stage : 0;
    pen += (long long)p->pen_change * t->n_dropped;
    return t->score - pen * v->cy->priority;
}

/* A quota count may move from `before` to `after` when it adds no shortfall below min and goes
 * no further above max. */
static bool quota_kept(int before, int after, int min, int max, bool has_min)
{
    long long short_before = has_min ? below(before, min) : 0;
    long long short_after = has_min ? below(after, min) : 0;
    long long over_before = before > max ? before - max : 0;
    long long over_after = after > max ? after - max : 0;
    return short_after <= short_before && over_after <= over_before;
}

/* The rules that compare the group after the swap with the group before. */
static bool rules_kept(const county_view *v, const tally *before, const tally *after)
{
    const am_policy *p = v->pol;
    bool pairing_min = v->pv && v->pv->n_paired > 0;
    if (!quota_kept(before->n_local, after->n_local, p->local_min, p->local_max, true) ||
        !quota_kept(before->n_paired, after->n_paired, p->pairing_min, p->pairing_max,
                    pairing_min))
        return false;
    if (before->stages & ~after->stages)
        return false;
    for (int i = 0; i < v->cy->n_industries; i++)
        if (before->covered[i] && !after->covered[i])
            return false;
    return true;
}

/* Members of the group with organisation `org`, the seat `skip` left out. */
static int org_count(const county_view *v, const int *experts, int n, int skip, int org)
{
    int count = 0;
    for (int j = 0; j < n; j++)
        count += j != skip && am_instance_expert(v->inst, experts[j])->org == org;
    return count;
}

static int cmp_alternate(const void *pa, const void *pb)
{
    const am_alternate *a = pa, *b = pb;
    if (a->delta != b->delta)
        return a->delta > b->delta ? -1 : 1;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    return (a->expert > b->expert) - (a->expert < b->expert);
}

/* Scratch state of one call. */
typedef struct search {
    county_view v;
    const am_group *g;
    int *experts;     /* the group's experts, the member's seat at `seat` */
    int seat;
    int *sits, *leads; /* per expert: memberships and leaderships in the result */
    tally before, after;
    am_alternate *found;
    size_t n_found, cap_found;
} search;

static am_status prepare(search *s, const am_result *res, am_arena *tmp, int member)
{
    const am_instance *inst = s->v.inst;
    int ne = am_instance_n_experts(inst), n = s->g->n_members;
    s->experts = AM_ARENA_ARRAY(tmp, int, n + 1);
    s->sits = AM_ARENA_ARRAY(tmp, int, ne + 1);
    s->leads = AM_ARENA_ARRAY(tmp, int, ne + 1);
    int *unlocked = AM_ARENA_ARRAY(tmp, int, am_instance_n_current(inst) + 1);
    s->before.covered = AM_ARENA_ARRAY(tmp, unsigned char, s->v.cy->n_industries + 1);
    s->after.covered = AM_ARENA_ARRAY(tmp, unsigned char, s->v.cy->n_industries + 1);
    if (!s->experts || !s->sits || !s->leads || !unlocked || !s->before.covered ||
        !s->after.covered)
        return AM_ENOMEM;
    for (int c = 0; c < am_result_n_groups(res); c++) {
        const am_group *g = am_result_group(res, c);
        for (int j = 0; j < g->n_members; j++) {
            int e = g->members[j].expert;
            if (e < 0 || e >= ne)
                continue;
            s->sits[e]++;
            s->leads[e] += g->members[j].role == AM_ROLE_LEADER;
        }
    }
    s->seat = -1;
    for (int j = 0; j < n; j++) {
        s->experts[j] = s->g->members[j].expert;
        if (s->experts[j] == member && s->seat < 0)
            s->seat = j;
    }
    for (int k = 0; k < am_instance_n_current(inst); k++) {
        const am_current *m = am_instance_current(inst, k);
        if (m->county == s->v.c && !m->locked &&
            !(s->v.n_unlocked > 0 && unlocked[s->v.n_unlocked - 1] == m->expert))
            unlocked[s->v.n_unlocked++] = m->expert;
    }
    s->v.unlocked = unlocked;
    return AM_OK;
}

/* Try expert e in the seat; append it to s->found when the swap keeps every rule. */
static am_status try_expert(search *s, am_arena *tmp, int e, bool leads_group)
{
    const county_view *v = &s->v;
    const am_expert *x = am_instance_expert(v->inst, e);
    am_cand cand;
    if (!am_candidate_of(v->inst, v->c, e, &cand) || s->sits[e] >= x->capacity)
        return AM_OK;
    if (leads_group && (!(cand.flags & AM_CAND_CAN_LEAD) || s->leads[e] >= x->leader_capacity))
        return AM_OK;
    int n = s->g->n_members, member = s->experts[s->seat];
    if (x->org != am_instance_expert(v->inst, member)->org &&
        org_count(v, s->experts, n, s->seat, x->org) + 1 > v->pol->max_same_org)
        return AM_OK;
    s->experts[s->seat] = e;
    tally_group(v, s->experts, n, s->before.has_leader, &s->after);
    s->experts[s->seat] = member;
    if (!rules_kept(v, &s->before, &s->after))
        return AM_OK;
    if (am_arena_grow(tmp, (void **)&s->found, &s->cap_found, s->n_found + 1, sizeof *s->found,
                      _Alignof(am_alternate)) != 0)
        return AM_ENOMEM;
    s->found[s->n_found++] = (am_alternate){
        .expert = e,
        .channel = cand.channel,
        .score = cand.score,
        .delta = group_value(v, &s->after) - group_value(v, &s->before),
        .industries = cand.industries,
        .stages = cand.stages,
    };
    return AM_OK;
}

static bool is_locked(const am_instance *inst, int c, int e)
{
    for (int k = 0; k < am_instance_n_current(inst); k++) {
        const am_current *m = am_instance_current(inst, k);
        if (m->county == c && m->expert == e && m->locked)
            return true;
    }
    return false;
}

static am_status find(search *s, am_arena *tmp, int k, am_arena *a, am_alternates_list *out)
{
    const am_instance *inst = s->v.inst;
    int ne = am_instance_n_experts(inst), n = s->g->n_members;
    bool leads_group = s->g->members[s->seat].role == AM_ROLE_LEADER;
    bool has_leader = false;
    for (int j = 0; j < n; j++)
        has_leader |= s->g->members[j].role == AM_ROLE_LEADER;
    out->role = s->g->members[s->seat].role;
    out->locked = is_locked(inst, s->v.c, out->member);
    if (out->locked)
        return AM_OK;
    tally_group(&s->v, s->experts, n, has_leader, &s->before);
    /* the seats of the group, to skip its members */
    unsigned char *in_group = AM_ARENA_ARRAY(tmp, unsigned char, ne + 1);
    if (!in_group)
        return AM_ENOMEM;
    for (int j = 0; j < n; j++)
        if (s->experts[j] >= 0 && s->experts[j] < ne)
            in_group[s->experts[j]] = 1;
    for (int e = 0; e < ne; e++) {
        if (in_group[e])
            continue;
        am_status st = try_expert(s, tmp, e, leads_group);
        if (st != AM_OK)
            return st;
    }
    if (s->n_found > 1)
        qsort(s->found, s->n_found, sizeof *s->found, cmp_alternate);
    out->n_allowed = (int)s->n_found;
    out->n = k > 0 && k < out->n_allowed ? k : out->n_allowed;
    out->alts = AM_ARENA_ARRAY(a, am_alternate, out->n + 1);
    if (!out->alts)
        return AM_ENOMEM;
    if (out->n > 0)
        memcpy(out->alts, s->found, sizeof *out->alts * (size_t)out->n);
    return AM_OK;
}

am_status am_alternates(const am_instance *inst, const am_result *res, int county, int member,
                        int k, am_arena *a, am_alternates_list *out, am_error *err)
{
    memset(out, 0, sizeof *out);
    out->county = county;
    out->member = member;
    int nc = am_instance_n_counties(inst), ne = am_instance_n_experts(inst);
    if (am_result_n_groups(res) != nc)
        return am_error_set(err, AM_EINPUT, "result", "groups",
                            "the result has %d groups for %d counties; it was made from another "
                            "instance", am_result_n_groups(res), nc);
    if (county < 0 || county >= nc)
        return am_error_set(err, AM_EINPUT, NULL, "county", "county index %d is not one of the "
                            "instance's %d counties", county, nc);
    search s = {.v = {.inst = inst,
                      .pol = am_instance_policy(inst),
                      .c = county,
                      .cy = am_instance_county(inst, county)},
                .g = am_result_group(res, county)};
    s.v.pv = s.v.cy->province >= 0 ? am_instance_province(inst, s.v.cy->province) : NULL;
    char rec[64];
    snprintf(rec, sizeof rec, "county %s", s.v.cy->id);
    if (member < 0 || member >= ne)
        return am_error_set(err, AM_EINPUT, rec, "member", "expert index %d is not one of the "
                            "instance's %d experts", member, ne);
    am_arena *tmp = am_arena_new();
    am_status st = tmp ? prepare(&s, res, tmp, member) : AM_ENOMEM;
    if (st == AM_OK && s.seat < 0)
        st = am_error_set(err, AM_EINPUT, rec, "member", "expert \"%s\" is not a member of "
                          "the county's group", am_instance_expert(inst, member)->id);
    if (st == AM_OK)
        st = find(&s, tmp, k, a, out);
    am_arena_free(tmp);
    if (st == AM_ENOMEM)
        st = am_error_set(err, AM_ENOMEM, rec, NULL, "out of memory finding alternates");
    if (st != AM_OK) {
        out->alts = NULL;
        out->n = out->n_allowed = 0;
    }
    return st;
}
