/* engine/am_instance_current.c: the current memberships of an instance (`current[]`, the groups
 * as they stand): adding them (strings copied into the instance arena), resolving them when the
 * instance is frozen (unknown counties and experts reported and dropped, the rest sorted by
 * county, then expert) and reading them. Their domain checks live in am_validate_current.c. */
#include <stdio.h>
#include <stdlib.h>

#include "am_instance_impl.h"

am_status am_instance_add_current(am_instance *inst, const am_current_rec *r, am_error *err)
{
    am_arena *a = inst->arena;
    raw_current c = {.r = *r};
    c.r.county = am_arena_strdup(a, r->county ? r->county : "");
    c.r.expert = am_arena_strdup(a, r->expert ? r->expert : "");
    if (!c.r.county || !c.r.expert ||
        am_arena_grow(a, (void **)&inst->rcur, &inst->cap_rcur, (size_t)inst->n_rcur + 1,
                      sizeof(raw_current), _Alignof(raw_current)) != 0)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory building the instance");
    inst->rcur[inst->n_rcur++] = c;
    return AM_OK;
}

static int cmp_current(const void *a, const void *b)
{
    const am_current *x = a, *y = b;
    if (x->county != y->county)
        return (x->county > y->county) - (x->county < y->county);
    if (x->expert != y->expert)
        return (x->expert > y->expert) - (x->expert < y->expert);
    return (x->input_idx > y->input_idx) - (x->input_idx < y->input_idx);
}

am_status am_freeze_current(am_instance *inst, am_diags *d)
{
    int n = inst->n_rcur, m = 0;
    am_current *v = AM_ARENA_ARRAY(inst->arena, am_current, n > 0 ? n : 1);
    if (!v)
        return AM_ENOMEM;
    for (int i = 0; i < n; i++) {
        const am_current_rec *r = &inst->rcur[i].r;
        am_current c = {.county = am_instance_find_county(inst, r->county),
                        .expert = am_instance_find_expert(inst, r->expert),
                        .role = r->role,
                        .locked = r->locked,
                        .input_idx = i};
        char rec[64];
        snprintf(rec, sizeof rec, "current[%d]", i);
        if (c.county < 0 && am_diags_add(d, AM_DIAG_ERROR, rec, "county", "unknown county \"%s\"",
                                         r->county) != AM_OK)
            return AM_ENOMEM;
        if (c.expert < 0 && am_diags_add(d, AM_DIAG_ERROR, rec, "expert", "unknown expert \"%s\"",
                                         r->expert) != AM_OK)
            return AM_ENOMEM;
        if (c.county >= 0 && c.expert >= 0)
            v[m++] = c;
    }
    qsort(v, (size_t)m, sizeof *v, cmp_current);
    inst->current = v;
    inst->n_current = m;
    return AM_OK;
}

int am_instance_n_current(const am_instance *inst) { return inst->n_current; }

const am_current *am_instance_current(const am_instance *inst, int idx)
{
    return &inst->current[idx];
}

char *am_instance_current_label(const am_instance *inst, int idx, char *buf, int size)
{
    snprintf(buf, (size_t)size, "current[%d]", inst->current[idx].input_idx);
    return buf;
}
