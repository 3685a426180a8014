/* engine/am_check.c: the independent rule checker. Re-derives every rule of docs/formulation.md
 * from the instance and a result's memberships alone: one group per county, eligibility, the
 * hard rules, each member's channel and score, each group's shortfalls and the objective.
 * Shortfalls and penalties: am_check_shortfall.c; current memberships: am_check_current.c.
 * It shares no code with am_candidates.c or models/ (it must be able to catch their mistakes);
 * it reads only am_instance.h and am_result.h. Scratch memory lives in one arena per call;
 * findings go to the caller's am_diags. */
#include "advmatch/am_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "am_check_impl.h"

void am_check_flag(checker *ck, bool violation, const char *rec, const char *field, const char *fmt,
                   ...)
{
    if (violation)
        ck->rep->n_violations++;
    else
        ck->rep->n_mismatches++;
    va_list ap;
    va_start(ap, fmt);
    if (am_diags_addv(ck->d, AM_DIAG_ERROR, rec, field, fmt, ap) != AM_OK)
        ck->st = AM_ENOMEM;
    va_end(ap);
}

/* One group per county. Results built by the solver never mark counties as listed; a result
 * read from a file marks each county it lists, so there every county must be marked once. */
static void check_listing(checker *ck, int nc)
{
    bool any_listed = false;
    for (int c = 0; c < nc && !any_listed; c++)
        any_listed = am_result_times_listed(ck->res, c) != 0;
    if (!any_listed)
        return;
    for (int c = 0; c < nc; c++) {
        int times = am_result_times_listed(ck->res, c);
        if (times == 1)
            continue;
        char rec[64];
        snprintf(rec, sizeof rec, "county %s", am_instance_county(ck->inst, c)->id);
        if (times == 0)
            am_check_flag(ck, true, rec, "group", "the county has no group in the result; add one");
        else
            am_check_flag(ck, true, rec, "group",
                          "the county is listed %d times in the result; keep one group", times);
    }
}

/* Eligibility of expert x (index e) in county c (docs/formulation.md, "Candidates"). Capacity 0
 * is left to check_capacity, which names every group the expert sits in. */
static void check_eligible(checker *ck, const check_county *k, int e, const am_expert *x)
{
    const am_county *cy = k->county;
    if (!x->active)
        am_check_flag(ck, true, k->rec, "eligibility", "expert \"%s\" is inactive; remove them",
                      x->id);
    if (am_index_in(x->declines, x->n_declines, k->idx))
        am_check_flag(ck, true, k->rec, "decline",
                      "expert \"%s\" declined this county; remove them", x->id);
    if (x->county == k->idx) {
        if (cy->n_recommended > 0 && !am_index_in(cy->recommended, cy->n_recommended, e))
            am_check_flag(ck, true, k->rec, "eligibility",
                          "expert \"%s\" is local but not on the county's recommended list", x->id);
        return;
    }
    bool shares = false;
    for (int i = 0; i < cy->n_industries && !shares; i++)
        shares = am_expert_has_field(x, cy->industries[i].field);
    if (!shares)
        am_check_flag(ck, true, k->rec, "eligibility",
                      "expert \"%s\" shares no field with the county's industries", x->id);
    bool own = cy->province >= 0 && x->province == cy->province;
    if (!own && !am_check_is_partner(k, x->province) && x->level != AM_LEVEL_NATIONAL)
        am_check_flag(ck, true, k->rec, "eligibility",
                      "expert \"%s\" is %s and from province \"%s\", neither the county's own nor "
                      "a partner province",
                      x->id, am_level_name(x->level),
                      x->province >= 0 ? am_instance_province(ck->inst, x->province)->code : "?");
}

static am_channel channel_of(const check_county *k, const am_expert *x)
{
    if (x->county == k->idx)
        return AM_CHANNEL_LOCAL;
    if (am_check_is_partner(k, x->province))
        return AM_CHANNEL_PAIRED;
    if (k->county->province >= 0 && x->province == k->county->province)
        return AM_CHANNEL_PROVINCE;
    return AM_CHANNEL_NATIONAL;
}

static long long score_of(const checker *ck, const check_county *k, int e, const am_expert *x)
{
    const am_county *cy = k->county;
    long long weights = 0;
    for (int i = 0; i < cy->n_industries; i++)
        if (am_expert_has_field(x, cy->industries[i].field))
            weights += cy->industries[i].weight;
    long long s = (long long)cy->priority * weights;
    if (am_index_in(cy->prefers, cy->n_prefers, e))
        s += ck->pol->preference_bonus;
    if (am_index_in(x->prefers, x->n_prefers, k->idx))
        s += ck->pol->preference_bonus;
    return s;
}

/* The expert a member names, or -1 (flagged) when the index is not one of the instance. */
static int member_expert(checker *ck, const check_county *k, const am_member *m)
{
    int ne = am_instance_n_experts(ck->inst);
    if (m->expert < 0 || m->expert >= ne) {
        am_check_flag(ck, true, k->rec, "group", "member \"%s\" is not an expert of the instance",
                      m->expert_id ? m->expert_id : "");
        return -1;
    }
    const char *id = am_instance_expert(ck->inst, m->expert)->id;
    if (m->expert_id && strcmp(m->expert_id, id) != 0)
        am_check_flag(ck, true, k->rec, "group", "member \"%s\" points at expert \"%s\"",
                      m->expert_id, id);
    return m->expert;
}

/* Per member: duplicates, eligibility, channel, score; and the counts the group rules need. */
static void check_member(checker *ck, const check_county *k, const am_member *m, group_facts *f)
{
    int e = member_expert(ck, k, m);
    if (e < 0)
        return;
    const am_expert *x = am_instance_expert(ck->inst, e);
    int stamp = k->idx + 1;
    if (ck->seen[e] == stamp || ck->seen[e] == -stamp) {
        if (ck->seen[e] == stamp)
            am_check_flag(ck, true, k->rec, "duplicate",
                          "expert \"%s\" is listed more than once in the group; keep one", x->id);
        ck->seen[e] = -stamp;
    } else {
        ck->seen[e] = stamp;
        ck->n_sits[e]++;
    }
    if (m->role == AM_ROLE_LEADER) {
        ck->n_leads[e]++;
        f->n_leaders++;
        if (x->level != AM_LEVEL_NATIONAL)
            am_check_flag(ck, true, k->rec, "leader",
                          "leader \"%s\" is of level %s; the leader must be national-level", x->id,
                          am_level_name(x->level));
    }
    check_eligible(ck, k, e, x);
    f->n_local += x->county == k->idx;
    f->n_paired += am_check_is_partner(k, x->province);
    f->stages |= x->stages;
    am_channel ch = channel_of(k, x);
    if (ch != m->channel)
        am_check_flag(ck, false, k->rec, "channel", "expert \"%s\" has channel %s, claimed %s",
                      x->id, am_channel_name(ch), am_channel_name(m->channel));
    long long s = score_of(ck, k, e, x);
    f->score += s;
    if (s != m->score)
        am_check_flag(ck, false, k->rec, "score", "expert \"%s\" scores %lld, claimed %lld", x->id,
                      s, m->score);
}

/* At most max_same_org members of one organisation; counters are reset by a per-group stamp. */
static void check_orgs(checker *ck, const check_county *k, const am_group *g)
{
    int stamp = k->idx + 1, n_over = 0, cap = ck->pol->max_same_org;
    for (int i = 0; i < g->n_members; i++) {
        int e = g->members[i].expert;
        if (e < 0 || e >= am_instance_n_experts(ck->inst))
            continue;
        int o = am_instance_expert(ck->inst, e)->org;
        if (ck->org_stamp[o] != stamp) {
            ck->org_stamp[o] = stamp;
            ck->org_count[o] = 0;
        }
        if (++ck->org_count[o] == cap + 1)
            ck->orgs_over[n_over++] = o;
    }
    for (int j = 0; j < n_over; j++) {
        int o = ck->orgs_over[j];
        am_check_flag(ck, true, k->rec, "org",
                      "the group has %d members from \"%s\", above max_same_org %d; remove %d",
                      ck->org_count[o], am_instance_org_name(ck->inst, o), cap,
                      ck->org_count[o] - cap);
    }
}

static void check_group_hard(checker *ck, const check_county *k, const am_group *g,
                             const group_facts *f)
{
    const am_policy *p = ck->pol;
    if (f->n_members > p->size_max)
        am_check_flag(ck, true, k->rec, "size", "the group has %d members, above max %d; remove %d",
                      f->n_members, p->size_max, f->n_members - p->size_max);
    if (f->n_leaders > 1)
        am_check_flag(ck, true, k->rec, "leader", "the group has %d leaders; keep one",
                      f->n_leaders);
    if (f->n_local > p->local_max)
        am_check_flag(ck, true, k->rec, "local",
                      "the group has %d local members, above max %d; remove %d", f->n_local,
                      p->local_max, f->n_local - p->local_max);
    if (f->n_paired > p->pairing_max)
        am_check_flag(ck, true, k->rec, "pairing",
                      "the group has %d members from a partner province, above max %d; remove %d",
                      f->n_paired, p->pairing_max, f->n_paired - p->pairing_max);
    check_orgs(ck, k, g);
}

static void check_group(checker *ck, int c)
{
    const am_group *g = am_result_group(ck->res, c);
    check_county k = {.idx = c, .county = am_instance_county(ck->inst, c)};
    k.province =
        k.county->province >= 0 ? am_instance_province(ck->inst, k.county->province) : NULL;
    snprintf(k.rec, sizeof k.rec, "county %s", k.county->id);
    group_facts f = {.n_members = g->n_members};
    for (int i = 0; i < g->n_members; i++)
        check_member(ck, &k, &g->members[i], &f);
    check_group_hard(ck, &k, g, &f);
    long long penalty = am_check_shortfalls(ck, &k, g, &f);
    ck->rep->n_members += g->n_members;
    ck->rep->score += f.score;
    ck->rep->penalty += penalty;
}

/* The counties an over-booked expert sits in and leads, as text for the finding. */
typedef struct overbooked {
    char sits[128], leads[128];
    int n_sits, n_leads; /* counties appended so far */
    int last_county;     /* county + 1 last appended to `sits` (a duplicate adds nothing) */
} overbooked;

static void append_county(char *buf, size_t size, int *n, const char *id)
{
    size_t len = strlen(buf);
    if (*n < 6)
        snprintf(buf + len, size - len, "%s%s", *n ? ", " : "", id);
    else if (*n == 6)
        snprintf(buf + len, size - len, ", ...");
    (*n)++;
}

static void report_overbooked(checker *ck, const am_expert *x, int e, const overbooked *o)
{
    char rec[64];
    snprintf(rec, sizeof rec, "expert %s", x->id);
    if (ck->n_sits[e] > x->capacity)
        am_check_flag(ck, true, rec, "capacity",
                      "expert \"%s\" sits in %d group%s but has capacity %d (count%s %s)", x->id,
                      ck->n_sits[e], ck->n_sits[e] == 1 ? "" : "s", x->capacity,
                      o->n_sits == 1 ? "y" : "ies", o->sits);
    if (ck->n_leads[e] > x->leader_capacity)
        am_check_flag(ck, true, rec, "leader_capacity",
                      "expert \"%s\" leads %d group%s but has leader capacity %d (count%s %s)",
                      x->id, ck->n_leads[e], ck->n_leads[e] == 1 ? "" : "s", x->leader_capacity,
                      o->n_leads == 1 ? "y" : "ies", o->leads);
}

/* Each expert in at most `capacity` groups and leading at most `leader_capacity`. The counties
 * are gathered in a second pass over the memberships, only for the experts over their limits. */
static am_status check_capacity(checker *ck, int nc)
{
    const am_instance *inst = ck->inst;
    int ne = am_instance_n_experts(inst), n_over = 0;
    int *slot = ck->seen; /* the duplicate stamps are no longer needed */
    for (int e = 0; e < ne; e++) {
        const am_expert *x = am_instance_expert(inst, e);
        bool over = ck->n_sits[e] > x->capacity || ck->n_leads[e] > x->leader_capacity;
        slot[e] = over ? n_over++ : -1;
    }
    if (n_over == 0)
        return AM_OK;
    overbooked *ob = AM_ARENA_ARRAY(ck->arena, overbooked, n_over);
    if (!ob)
        return AM_ENOMEM;
    for (int c = 0; c < nc; c++) {
        const am_group *g = am_result_group(ck->res, c);
        const char *id = am_instance_county(inst, c)->id;
        for (int i = 0; i < g->n_members; i++) {
            int e = g->members[i].expert;
            if (e < 0 || e >= ne || slot[e] < 0)
                continue;
            overbooked *o = &ob[slot[e]];
            if (o->last_county != c + 1)
                append_county(o->sits, sizeof o->sits, &o->n_sits, id);
            o->last_county = c + 1;
            if (g->members[i].role == AM_ROLE_LEADER)
                append_county(o->leads, sizeof o->leads, &o->n_leads, id);
        }
    }
    for (int e = 0; e < ne && ck->st == AM_OK; e++)
        if (slot[e] >= 0)
            report_overbooked(ck, am_instance_expert(inst, e), e, &ob[slot[e]]);
    return ck->st;
}

static am_status alloc_scratch(checker *ck)
{
    const am_instance *inst = ck->inst;
    int ne = am_instance_n_experts(inst), no = am_instance_n_orgs(inst);
    int max_members = 0, max_claimed = 0, max_industries = 0;
    for (int c = 0; c < am_result_n_groups(ck->res); c++) {
        const am_group *g = am_result_group(ck->res, c);
        max_members = g->n_members > max_members ? g->n_members : max_members;
        max_claimed = g->n_shortfalls > max_claimed ? g->n_shortfalls : max_claimed;
    }
    for (int c = 0; c < am_instance_n_counties(inst); c++) {
        int n = am_instance_county(inst, c)->n_industries;
        max_industries = n > max_industries ? n : max_industries;
    }
    am_arena *a = ck->arena;
    ck->seen = AM_ARENA_ARRAY(a, int, ne + 1);
    ck->n_sits = AM_ARENA_ARRAY(a, int, ne + 1);
    ck->n_leads = AM_ARENA_ARRAY(a, int, ne + 1);
    ck->org_count = AM_ARENA_ARRAY(a, int, no + 1);
    ck->org_stamp = AM_ARENA_ARRAY(a, int, no + 1);
    ck->orgs_over = AM_ARENA_ARRAY(a, int, max_members + 1);
    ck->want = AM_ARENA_ARRAY(a, am_shortfall, max_industries + AM_N_RULES + AM_N_STAGES);
    ck->claimed = AM_ARENA_ARRAY(a, am_shortfall, max_claimed + 1);
    if (!ck->seen || !ck->n_sits || !ck->n_leads || !ck->org_count || !ck->org_stamp ||
        !ck->orgs_over || !ck->want || !ck->claimed)
        return AM_ENOMEM;
    return AM_OK;
}

am_status am_check(const am_instance *inst, const am_result *res, am_diags *d, am_check_report *out,
                   am_error *err)
{
    am_status st = AM_OK;
    memset(out, 0, sizeof *out);
    checker ck = {.inst = inst,
                  .res = res,
                  .pol = am_instance_policy(inst),
                  .d = d,
                  .rep = out,
                  .st = AM_OK,
                  .arena = am_arena_new()};
    int nc = am_instance_n_counties(inst);
    if (!ck.arena) {
        st = AM_ENOMEM;
        goto done;
    }
    AM_TRY(alloc_scratch(&ck));
    if (am_result_n_groups(res) != nc) {
        am_check_flag(&ck, true, "result", "group",
                      "the result has %d groups for %d counties; it was made from another instance",
                      am_result_n_groups(res), nc);
        nc = am_result_n_groups(res) < nc ? am_result_n_groups(res) : nc;
    }
    check_listing(&ck, nc);
    for (int c = 0; c < nc && ck.st == AM_OK; c++)
        check_group(&ck, c);
    AM_TRY(ck.st);
    AM_TRY(check_capacity(&ck, nc));
    out->penalty += am_check_current(&ck, nc);
    AM_TRY(ck.st);
    out->objective = out->score - out->penalty;
    if (out->objective != am_result_objective(res))
        am_check_flag(&ck, false, "result", "objective", "objective %lld claimed, %lld recomputed",
                      am_result_objective(res), out->objective);
    st = ck.st;
done:
    am_arena_free(ck.arena);
    if (st != AM_OK)
        st = am_error_set(err, st, NULL, NULL, "out of memory checking the result");
    return st;
}
