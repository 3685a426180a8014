/* engine/am_validate_current.c: the domain checks of the current memberships (docs/formats.md,
 * "current"): a (county, expert) pair given twice, two leaders for one county, a locked
 * membership that cannot hold (not a candidate pair, or a leader who cannot lead), and the
 * limits that the locked memberships alone already break (expert capacity and leader capacity;
 * group size, local and pairing maximums, max_same_org), which would leave the model without a
 * solution. An unlocked membership that is not a candidate pair is a warning: the solve drops
 * it. Eligibility is decided by am_candidate_of, the rule the model uses; the reasons are
 * put into words here. Called by am_validate; reports only, in input order, each finding naming
 * the entry as "current[i]". Scratch memory lives in one arena per call. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "advmatch/am_candidates.h"
#include "am_instance_impl.h"

typedef struct vcur {
    const am_instance *inst;
    const am_policy *pol;
    am_diags *d;
    am_status st;             /* AM_ENOMEM once a finding could not be stored */
    const am_current *cur;    /* the frozen entries (sorted by county, expert) */
    int n;
    int *order;               /* frozen indexes in input order */
    int *first;               /* per entry: the entry of the same pair first in the input */
    const am_cand **cand;     /* per entry: its candidate record, or NULL */
    bool *counted;            /* per entry: locked, not a repeat, and able to hold */
    int *org_rank, *org_total; /* per counted entry: same county and org, before it / in all */
    int *sits, *sits_total;   /* per expert: counted entries so far / in all */
    int *leads, *leads_total; /* per expert: counted leader entries */
    int *size, *size_total;   /* per county: counted entries */
    int *local, *local_total; /* per county: counted local candidates */
    int *paired, *paired_total; /* per county: counted candidates of a partner province */
    int *leader_of;           /* per county: the entry of its first leader, or -1 */
} vcur;

static void report(vcur *v, am_diag_level level, int k, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void report(vcur *v, am_diag_level level, int k, const char *field, const char *fmt, ...)
{
    char rec[64];
    am_instance_current_label(v->inst, k, rec, sizeof rec);
    va_list ap;
    va_start(ap, fmt);
    if (am_diags_addv(v->d, level, rec, field, fmt, ap) != AM_OK)
        v->st = AM_ENOMEM;
    va_end(ap);
}

static const char *county_id(const vcur *v, int c) { return am_instance_county(v->inst, c)->id; }
static const char *expert_id(const vcur *v, int e) { return am_instance_expert(v->inst, e)->id; }

/* "520623, 530128": the counties of the counted entries of expert e (leaderships only if
 * `leads`), in input order, at most six. */
static void counties_of(const vcur *v, int e, bool leads, char *buf, size_t size)
{
    int n = 0;
    buf[0] = '\0';
    for (int i = 0; i < v->n; i++) {
        const am_current *m = &v->cur[v->order[i]];
        if (!v->counted[v->order[i]] || m->expert != e || (leads && m->role != AM_ROLE_LEADER))
            continue;
        size_t len = strlen(buf);
        if (n < 6)
            snprintf(buf + len, size - len, "%s%s", n ? ", " : "", county_id(v, m->county));
        else if (n == 6)
            snprintf(buf + len, size - len, ", ...");
        n++;
    }
}

/* Duplicates, leaders, eligibility of one entry; returns whether it counts toward the limits. */
static bool check_entry(vcur *v, int k)
{
    const am_current *m = &v->cur[k];
    if (v->first[k] != k) {
        report(v, AM_DIAG_ERROR, k, "expert", "expert \"%s\" is listed twice for county \"%s\" "
               "(first at current[%d])", expert_id(v, m->expert), county_id(v, m->county),
               v->cur[v->first[k]].input_idx);
        return false;
    }
    if (m->role == AM_ROLE_LEADER) {
        int other = v->leader_of[m->county];
        if (other >= 0)
            report(v, AM_DIAG_ERROR, k, "role",
                   "county \"%s\" already has leader \"%s\" (current[%d]); a group has one leader",
                   county_id(v, m->county), expert_id(v, v->cur[other].expert),
                   v->cur[other].input_idx);
        else
            v->leader_of[m->county] = k;
    }
    if (!v->cand[k]) {
        char why[200];
        am_candidate_why_not(v->inst, m->county, m->expert, why, sizeof why);
        if (m->locked)
            report(v, AM_DIAG_ERROR, k, "locked", "%s; unlock or remove this membership", why);
        else
            report(v, AM_DIAG_WARNING, k, "expert", "%s; this membership will be dropped", why);
        return false;
    }
    if (!m->locked)
        return false;
    if (m->role == AM_ROLE_LEADER && !(v->cand[k]->flags & AM_CAND_CAN_LEAD)) {
        const am_expert *x = am_instance_expert(v->inst, m->expert);
        if (x->level != AM_LEVEL_NATIONAL)
            report(v, AM_DIAG_ERROR, k, "role",
                   "expert \"%s\" cannot lead: level %s, a leader must be national-level", x->id,
                   am_level_name(x->level));
        else
            report(v, AM_DIAG_ERROR, k, "role", "expert \"%s\" cannot lead: leader_capacity %d",
                   x->id, x->leader_capacity);
        return false;
    }
    return true;
}

/* The limits a counted entry may be the first to break (each reported once, on that entry). */
static void check_limits(vcur *v, int k)
{
    const am_current *m = &v->cur[k];
    const am_expert *x = am_instance_expert(v->inst, m->expert);
    const am_policy *p = v->pol;
    int c = m->county, e = m->expert;
    const char *cid = county_id(v, c);
    char list[128];
    if (++v->sits[e] == x->capacity + 1) {
        counties_of(v, e, false, list, sizeof list);
        report(v, AM_DIAG_ERROR, k, "locked",
               "expert \"%s\" is locked in %d groups (counties %s), above capacity %d", x->id,
               v->sits_total[e], list, x->capacity);
    }
    if (m->role == AM_ROLE_LEADER && ++v->leads[e] == x->leader_capacity + 1) {
        counties_of(v, e, true, list, sizeof list);
        report(v, AM_DIAG_ERROR, k, "role",
               "expert \"%s\" is locked as leader of %d groups (counties %s), above "
               "leader_capacity %d", x->id, v->leads_total[e], list, x->leader_capacity);
    }
    if (++v->size[c] == p->size_max + 1)
        report(v, AM_DIAG_ERROR, k, "locked",
               "county \"%s\" has %d locked members, above group_size.max %d", cid,
               v->size_total[c], p->size_max);
    if ((v->cand[k]->flags & AM_CAND_LOCAL) && ++v->local[c] == p->local_max + 1)
        report(v, AM_DIAG_ERROR, k, "locked",
               "county \"%s\" has %d locked local members, above local_members.max %d", cid,
               v->local_total[c], p->local_max);
    if ((v->cand[k]->flags & AM_CAND_PAIRED) && ++v->paired[c] == p->pairing_max + 1)
        report(v, AM_DIAG_ERROR, k, "locked",
               "county \"%s\" has %d locked members from a partner province, above "
               "pairing_members.max %d", cid, v->paired_total[c], p->pairing_max);
    if (v->org_rank[k] == p->max_same_org)
        report(v, AM_DIAG_ERROR, k, "locked",
               "county \"%s\" has %d locked members from \"%s\", above max_same_org %d", cid,
               v->org_total[k], am_instance_org_name(v->inst, x->org), p->max_same_org);
}

/* Which entries count toward the limits, and the totals the messages state. Runs in frozen
 * order; `counted` is final here because it depends on the entry alone. */
static void count_totals(vcur *v)
{
    const am_instance *inst = v->inst;
    for (int k = 0; k < v->n; k++) {
        const am_current *m = &v->cur[k];
        const am_cand *cd = v->cand[k];
        v->counted[k] = m->locked && v->first[k] == k && cd &&
                        (m->role != AM_ROLE_LEADER || (cd->flags & AM_CAND_CAN_LEAD));
        if (!v->counted[k])
            continue;
        v->sits_total[m->expert]++;
        v->leads_total[m->expert] += m->role == AM_ROLE_LEADER;
        v->size_total[m->county]++;
        v->local_total[m->county] += (cd->flags & AM_CAND_LOCAL) != 0;
        v->paired_total[m->county] += (cd->flags & AM_CAND_PAIRED) != 0;
        /* the entries of one county are adjacent: compare with those before in that run */
        int org = am_instance_expert(inst, m->expert)->org;
        for (int j = k - 1; j >= 0 && v->cur[j].county == m->county; j--) {
            if (!v->counted[j] || am_instance_expert(inst, v->cur[j].expert)->org != org)
                continue;
            if (v->cur[j].input_idx < m->input_idx)
                v->org_rank[k]++;
            else
                v->org_rank[j]++;
            v->org_total[j]++;
            v->org_total[k]++;
        }
        v->org_total[k]++;
    }
}

static am_status prepare(vcur *v, am_arena *a)
{
    const am_instance *inst = v->inst;
    int n = v->n, ne = am_instance_n_experts(inst), nc = am_instance_n_counties(inst);
    am_cand *cands = AM_ARENA_ARRAY(a, am_cand, n + 1);
    if (!cands)
        return AM_ENOMEM;
    int **per_entry[] = {&v->order, &v->first, &v->org_rank, &v->org_total};
    int **per_expert[] = {&v->sits, &v->sits_total, &v->leads, &v->leads_total};
    int **per_county[] = {&v->size,   &v->size_total,   &v->local,    &v->local_total,
                          &v->paired, &v->paired_total, &v->leader_of};
    for (size_t i = 0; i < sizeof per_entry / sizeof *per_entry; i++)
        if (!(*per_entry[i] = AM_ARENA_ARRAY(a, int, n + 1)))
            return AM_ENOMEM;
    for (size_t i = 0; i < sizeof per_expert / sizeof *per_expert; i++)
        if (!(*per_expert[i] = AM_ARENA_ARRAY(a, int, ne + 1)))
            return AM_ENOMEM;
    for (size_t i = 0; i < sizeof per_county / sizeof *per_county; i++)
        if (!(*per_county[i] = AM_ARENA_ARRAY(a, int, nc + 1)))
            return AM_ENOMEM;
    v->cand = AM_ARENA_ARRAY(a, const am_cand *, n + 1);
    v->counted = AM_ARENA_ARRAY(a, bool, n + 1);
    int *slot = AM_ARENA_ARRAY(a, int, inst->n_rcur + 1);
    if (!v->cand || !v->counted || !slot)
        return AM_ENOMEM;
    for (int c = 0; c < nc; c++)
        v->leader_of[c] = -1;
    for (int i = 0; i < inst->n_rcur; i++)
        slot[i] = -1;
    for (int k = 0; k < n; k++) {
        const am_current *m = &v->cur[k];
        slot[m->input_idx] = k;
        bool repeat = k > 0 && v->cur[k - 1].county == m->county &&
                      v->cur[k - 1].expert == m->expert;
        v->first[k] = repeat ? v->first[k - 1] : k;
        v->cand[k] = am_candidate_of(inst, m->county, m->expert, &cands[k]) ? &cands[k] : NULL;
    }
    int m = 0;
    for (int i = 0; i < inst->n_rcur; i++)
        if (slot[i] >= 0)
            v->order[m++] = slot[i];
    count_totals(v);
    return AM_OK;
}

am_status am_validate_current(const am_instance *inst, am_diags *d)
{
    if (inst->n_current == 0)
        return AM_OK;
    am_status st = AM_OK;
    vcur v = {.inst = inst, .pol = am_instance_policy(inst), .d = d, .st = AM_OK,
              .cur = inst->current, .n = inst->n_current};
    am_arena *a = am_arena_new();
    if (!a)
        return AM_ENOMEM;
    st = prepare(&v, a);
    if (st != AM_OK)
        goto done;
    for (int i = 0; i < v.n && v.st == AM_OK; i++) {
        int k = v.order[i];
        if (check_entry(&v, k) && v.counted[k])
            check_limits(&v, k);
    }
    st = v.st;
done:
    am_arena_free(a);
    return st;
}
