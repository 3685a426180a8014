/* adapters/service/round_scope.c: which counties a round forms groups for, which published
 * memberships it carries (and locks), and what its groups change, with the reason of each change
 * in words a coordinator can act on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_candidates.h"
#include "service_impl.h"

void svc_scope_free(scope_sel *s)
{
    free(s->county_in);
    free(s->keep);
    free(s->lock);
    memset(s, 0, sizeof *s);
}

/* Is published membership m no longer possible: not a candidate pair, or a leader who cannot
 * lead any more? */
static bool broken(const am_instance *full, const am_current *m)
{
    am_cand cand;
    if (!am_candidate_of(full, m->county, m->expert, &cand))
        return true;
    return m->role == AM_ROLE_LEADER && !(cand.flags & AM_CAND_CAN_LEAD);
}

/* Mark the counties the request names; AM_EINPUT for one the ledger does not have. */
static am_status mark_requested(const am_pg_claim *c, const am_instance *full, bool *in,
                                am_error *err)
{
    for (int i = 0; i < c->n_provinces; i++) {
        int p = am_instance_find_province(full, c->provinces[i]);
        if (p < 0)
            return am_error_set(err, AM_EINPUT, NULL, "provinces",
                                "province \"%s\" is not in the ledger", c->provinces[i]);
        for (int k = 0; k < am_instance_n_counties(full); k++)
            in[k] = in[k] || am_instance_county(full, k)->province == p;
    }
    for (int i = 0; i < c->n_counties; i++) {
        int k = am_instance_find_county(full, c->counties[i]);
        if (k < 0)
            return am_error_set(err, AM_EINPUT, NULL, "counties",
                                "county \"%s\" is not in the ledger", c->counties[i]);
        in[k] = true;
    }
    return AM_OK;
}

am_status svc_scope_choose(run_ctx *x, const am_instance *full, scope_sel *out, am_error *err)
{
    int nc = am_instance_n_counties(full), ncur = am_instance_n_current(full);
    memset(out, 0, sizeof *out);
    out->county_in = calloc((size_t)nc + 1, sizeof(bool));
    out->keep = calloc((size_t)ncur + 1, sizeof(bool));
    out->lock = calloc((size_t)ncur + 1, sizeof(bool));
    if (!out->county_in || !out->keep || !out->lock)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory");
    const am_pg_claim *c = x->c;
    if (c->kind == AM_ROUND_NIGHTLY) {
        for (int i = 0; i < ncur; i++) {
            const am_current *m = am_instance_current(full, i);
            if (broken(full, m))
                out->county_in[m->county] = true;
        }
        for (int i = 0; i < ncur; i++) {
            const am_current *m = am_instance_current(full, i);
            out->keep[i] = out->lock[i] = out->county_in[m->county] && !broken(full, m);
        }
    } else {
        am_status st = mark_requested(c, full, out->county_in, err);
        if (st != AM_OK)
            return st;
        if (c->kind == AM_ROUND_QUARTERLY && c->n_provinces == 0 && c->n_counties == 0) {
            for (int k = 0; k < nc; k++) /* every county without a published group */
                out->county_in[k] = true;
            for (int i = 0; i < ncur; i++)
                out->county_in[am_instance_current(full, i)->county] = false;
        }
        for (int i = 0; i < ncur; i++) /* the groups as they stand, unlocked: changes cost */
            out->keep[i] = out->county_in[am_instance_current(full, i)->county];
    }
    for (int k = 0; k < nc; k++)
        out->n_in += out->county_in[k];
    return AM_OK;
}

void svc_changes_free(svc_changes *c)
{
    am_arena_free(c->arena);
    memset(c, 0, sizeof *c);
}

typedef struct diff_ctx {
    run_ctx *x;
    const am_instance *full;
    svc_changes *out;
    size_t cap;
    int *role_new; /* per expert: the role in the new group, or -1 */
} diff_ctx;

static am_status add(diff_ctx *d, const char *county, int e, const char *change, am_role role,
                     const char *reason)
{
    svc_changes *o = d->out;
    if (am_arena_grow(o->arena, (void **)&o->v, &d->cap, (size_t)o->n + 1, sizeof(am_pg_change),
                      _Alignof(am_pg_change)) != 0)
        return AM_ENOMEM;
    char *r = am_arena_strdup(o->arena, reason);
    if (!r)
        return AM_ENOMEM;
    o->v[o->n++] = (am_pg_change){county, am_instance_expert(d->full, e)->id, change, role, r};
    return AM_OK;
}

/* The changes of one county: `old` its published memberships (contiguous in full's current[]),
 * `g` its new group. Experts are the same set, in the same order, in both instances. */
static am_status diff_county(diff_ctx *d, const char *cid, int first, int last, const am_group *g)
{
    const am_instance *full = d->full;
    long long id = d->x->c->id;
    const char *kind = am_round_kind_name(d->x->c->kind);
    char reason[320], dropped[200] = "";
    am_status st = AM_OK;
    for (int i = 0; i < g->n_members; i++)
        d->role_new[g->members[i].expert] = (int)g->members[i].role;
    for (int i = first; i < last && st == AM_OK; i++) {
        const am_current *m = am_instance_current(full, i);
        int now = d->role_new[m->expert];
        if (now == (int)m->role)
            continue;
        if (now >= 0) {
            snprintf(reason, sizeof reason, "%s instead of %s since %s round %lld",
                     am_role_name((am_role)now), am_role_name(m->role), kind, id);
            st = add(d, cid, m->expert, "role", (am_role)now, reason);
            continue;
        }
        am_cand cand;
        if (!am_candidate_of(full, m->county, m->expert, &cand))
            am_candidate_why_not(full, m->county, m->expert, reason, sizeof reason);
        else if (m->role == AM_ROLE_LEADER && !(cand.flags & AM_CAND_CAN_LEAD))
            snprintf(reason, sizeof reason, "expert \"%s\" can no longer lead",
                     am_instance_expert(full, m->expert)->id);
        else
            snprintf(reason, sizeof reason, "not kept by %s round %lld", kind, id);
        size_t len = strlen(dropped);
        snprintf(dropped + len, sizeof dropped - len, "%s%s", len ? ", " : "",
                 am_instance_expert(full, m->expert)->id);
        st = add(d, cid, m->expert, "dropped", m->role, reason);
    }
    for (int i = first; i < last; i++) /* what remains marked is new */
        d->role_new[am_instance_current(full, i)->expert] = -1;
    for (int i = 0; i < g->n_members && st == AM_OK; i++) {
        int e = g->members[i].expert;
        if (d->role_new[e] < 0)
            continue;
        d->role_new[e] = -1;
        if (dropped[0])
            snprintf(reason, sizeof reason, "%s round %lld: in place of %s", kind, id, dropped);
        else
            snprintf(reason, sizeof reason, "chosen by %s round %lld", kind, id);
        st = add(d, cid, e, "added", g->members[i].role, reason);
    }
    return st;
}

am_status svc_changes_compute(run_ctx *x, const am_instance *full, const am_instance *inst,
                              const am_result *res, svc_changes *out, am_error *err)
{
    memset(out, 0, sizeof *out);
    int ne = am_instance_n_experts(full), ncur = am_instance_n_current(full);
    diff_ctx d = {.x = x, .full = full, .out = out};
    out->arena = am_arena_new();
    d.role_new = out->arena ? AM_ARENA_ARRAY(out->arena, int, ne + 1) : NULL;
    if (!d.role_new)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory");
    for (int e = 0; e < ne; e++)
        d.role_new[e] = -1;
    am_status st = AM_OK;
    for (int k = 0; k < am_instance_n_counties(inst) && st == AM_OK; k++) {
        const char *cid = am_instance_county(inst, k)->id;
        int fc = am_instance_find_county(full, cid);
        int first = 0;
        while (first < ncur && am_instance_current(full, first)->county < fc)
            first++;
        int last = first;
        while (last < ncur && am_instance_current(full, last)->county == fc)
            last++;
        st = diff_county(&d, cid, first, last, am_result_group(res, k));
    }
    if (st != AM_OK)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory");
    return AM_OK;
}
