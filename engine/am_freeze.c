/* engine/am_freeze.c: turn the added records into the frozen, sorted, index-resolved instance.
 * Duplicate ids and unknown references become diagnostics naming the input record; the first
 * record of a duplicated id wins, later ones are dropped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "am_instance_impl.h"

typedef struct keyed {
    const char *key;
    int input_idx;
} keyed;

static int cmp_keyed(const void *a, const void *b)
{
    const keyed *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    return (x->input_idx > y->input_idx) - (x->input_idx < y->input_idx);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Sort n keys, drop later duplicates (reported), return the kept input indexes in order. */
static am_status sort_unique(am_instance *inst, keyed *k, int n, const char *what,
                             const char *idname, int **order, int *n_out, am_diags *d)
{
    qsort(k, (size_t)n, sizeof *k, cmp_keyed);
    int *o = AM_ARENA_ARRAY(inst->arena, int, n > 0 ? n : 1);
    if (!o)
        return AM_ENOMEM;
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (m > 0 && strcmp(k[i].key, k[i - 1].key) == 0) {
            char rec[64];
            snprintf(rec, sizeof rec, "%s[%d] %s \"%s\"", what, k[i].input_idx, idname, k[i].key);
            int first = k[i - 1].input_idx;
            for (int j = i - 1; j >= 0 && strcmp(k[j].key, k[i].key) == 0; j--)
                first = k[j].input_idx;
            if (am_diags_add(d, AM_DIAG_ERROR, rec, idname, "duplicate %s \"%s\" (first at %s[%d])",
                             idname, k[i].key, what, first) != AM_OK)
                return AM_ENOMEM;
            continue;
        }
        o[m++] = k[i].input_idx;
    }
    *order = o;
    *n_out = m;
    return AM_OK;
}

/* Resolve a list of ids with `find`; unknown ones are reported at `level` and dropped.
 * The resolved indexes are sorted and made unique. */
static am_status resolve_list(am_instance *inst, const char *const *ids, int n,
                              int (*find)(const am_instance *, const char *), am_diags *d,
                              am_diag_level level, const char *rec, const char *field,
                              const char *what, const int **out, int *n_out)
{
    int *v = AM_ARENA_ARRAY(inst->arena, int, n > 0 ? n : 1);
    if (!v)
        return AM_ENOMEM;
    int m = 0;
    for (int i = 0; i < n; i++) {
        int idx = find(inst, ids[i]);
        if (idx < 0) {
            char f[48];
            snprintf(f, sizeof f, "%s[%d]", field, i);
            if (am_diags_add(d, level, rec, f, "unknown %s \"%s\"", what, ids[i]) != AM_OK)
                return AM_ENOMEM;
            continue;
        }
        v[m++] = idx;
    }
    qsort(v, (size_t)m, sizeof *v, cmp_int);
    int u = 0;
    for (int i = 0; i < m; i++)
        if (u == 0 || v[u - 1] != v[i])
            v[u++] = v[i];
    *out = v;
    *n_out = u;
    return AM_OK;
}

static am_status freeze_provinces(am_instance *inst, am_diags *d)
{
    keyed *k = AM_ARENA_ARRAY(inst->arena, keyed, inst->n_rp > 0 ? inst->n_rp : 1);
    if (!k)
        return AM_ENOMEM;
    for (int i = 0; i < inst->n_rp; i++)
        k[i] = (keyed){inst->rp[i].r.code, i};
    int *order, n;
    am_status st = sort_unique(inst, k, inst->n_rp, "provinces", "code", &order, &n, d);
    if (st != AM_OK)
        return st;
    inst->provinces = AM_ARENA_ARRAY(inst->arena, am_province, n > 0 ? n : 1);
    if (!inst->provinces)
        return AM_ENOMEM;
    inst->n_provinces = n;
    for (int i = 0; i < n; i++) {
        const am_province_rec *r = &inst->rp[order[i]].r;
        inst->provinces[i] = (am_province){.code = r->code, .name = r->name, .region = r->region,
                                           .input_idx = order[i]};
    }
    for (int i = 0; i < n; i++) {
        const am_province_rec *r = &inst->rp[order[i]].r;
        char rec[64];
        am_instance_province_label(inst, i, rec, sizeof rec);
        st = resolve_list(inst, r->paired_with, r->n_paired_with, am_instance_find_province, d,
                          AM_DIAG_ERROR, rec, "paired_with", "province", &inst->provinces[i].paired,
                          &inst->provinces[i].n_paired);
        if (st != AM_OK)
            return st;
    }
    return AM_OK;
}

static am_status freeze_counties(am_instance *inst, int **order_out, am_diags *d)
{
    keyed *k = AM_ARENA_ARRAY(inst->arena, keyed, inst->n_rc > 0 ? inst->n_rc : 1);
    if (!k)
        return AM_ENOMEM;
    for (int i = 0; i < inst->n_rc; i++)
        k[i] = (keyed){inst->rc[i].r.id, i};
    int n;
    am_status st = sort_unique(inst, k, inst->n_rc, "counties", "id", order_out, &n, d);
    if (st != AM_OK)
        return st;
    inst->counties = AM_ARENA_ARRAY(inst->arena, am_county, n > 0 ? n : 1);
    if (!inst->counties)
        return AM_ENOMEM;
    inst->n_counties = n;
    for (int i = 0; i < n; i++) {
        const raw_county *rc = &inst->rc[(*order_out)[i]];
        am_county *c = &inst->counties[i];
        *c = (am_county){.id = rc->r.id, .name = rc->r.name, .stages = rc->r.stages,
                         .priority = rc->r.priority, .blackout = rc->r.blackout,
                         .n_blackout = rc->r.n_blackout, .input_idx = (*order_out)[i]};
        char rec[64];
        am_instance_county_label(inst, i, rec, sizeof rec);
        c->province = am_instance_find_province(inst, rc->r.province);
        if (c->province < 0 &&
            am_diags_add(d, AM_DIAG_ERROR, rec, "province", "unknown province \"%s\"",
                         rc->r.province) != AM_OK)
            return AM_ENOMEM;
        am_industry *ind = AM_ARENA_ARRAY(inst->arena, am_industry,
                                          rc->r.n_industries > 0 ? rc->r.n_industries : 1);
        if (!ind)
            return AM_ENOMEM;
        int m = 0;
        for (int j = 0; j < rc->r.n_industries; j++) {
            int dup = 0;
            for (int q = 0; q < m; q++)
                dup |= ind[q].field == rc->fields[j];
            if (dup) {
                char f[48];
                snprintf(f, sizeof f, "industries[%d].field", j);
                if (am_diags_add(d, AM_DIAG_ERROR, rec, f, "industry \"%s\" is listed twice",
                                 rc->r.industries[j].field) != AM_OK)
                    return AM_ENOMEM;
                continue;
            }
            ind[m++] = (am_industry){rc->fields[j], rc->r.industries[j].weight};
        }
        c->industries = ind;
        c->n_industries = m;
    }
    return AM_OK;
}

static am_status freeze_experts(am_instance *inst, int **order_out, am_diags *d)
{
    keyed *k = AM_ARENA_ARRAY(inst->arena, keyed, inst->n_re > 0 ? inst->n_re : 1);
    if (!k)
        return AM_ENOMEM;
    for (int i = 0; i < inst->n_re; i++)
        k[i] = (keyed){inst->re[i].r.id, i};
    int n;
    am_status st = sort_unique(inst, k, inst->n_re, "experts", "id", order_out, &n, d);
    if (st != AM_OK)
        return st;
    inst->experts = AM_ARENA_ARRAY(inst->arena, am_expert, n > 0 ? n : 1);
    if (!inst->experts)
        return AM_ENOMEM;
    inst->n_experts = n;
    for (int i = 0; i < n; i++) {
        const raw_expert *re = &inst->re[(*order_out)[i]];
        am_expert *e = &inst->experts[i];
        *e = (am_expert){.id = re->r.id, .name = re->r.name, .level = re->r.level, .org = re->org,
                         .stages = re->r.stages, .capacity = re->r.capacity,
                         .leader_capacity = re->r.leader_capacity, .active = re->r.active,
                         .unavailable = re->r.unavailable, .n_unavailable = re->r.n_unavailable,
                         .input_idx = (*order_out)[i], .county = -1};
        char rec[64];
        am_instance_expert_label(inst, i, rec, sizeof rec);
        e->province = am_instance_find_province(inst, re->r.province);
        if (e->province < 0 &&
            am_diags_add(d, AM_DIAG_ERROR, rec, "province", "unknown province \"%s\"",
                         re->r.province) != AM_OK)
            return AM_ENOMEM;
        if (re->r.county) {
            e->county = am_instance_find_county(inst, re->r.county);
            if (e->county < 0 &&
                am_diags_add(d, AM_DIAG_ERROR, rec, "county", "unknown home county \"%s\"",
                             re->r.county) != AM_OK)
                return AM_ENOMEM;
        }
        int *f = AM_ARENA_ARRAY(inst->arena, int, re->r.n_fields > 0 ? re->r.n_fields : 1);
        if (!f)
            return AM_ENOMEM;
        memcpy(f, re->fields, sizeof(int) * (size_t)re->r.n_fields);
        qsort(f, (size_t)re->r.n_fields, sizeof *f, cmp_int);
        int u = 0;
        for (int j = 0; j < re->r.n_fields; j++)
            if (u == 0 || f[u - 1] != f[j])
                f[u++] = f[j];
        if (u < re->r.n_fields &&
            am_diags_add(d, AM_DIAG_WARNING, rec, "fields", "a field is listed twice") != AM_OK)
            return AM_ENOMEM;
        e->fields = f;
        e->n_fields = u;
        st = resolve_list(inst, re->r.declines, re->r.n_declines, am_instance_find_county, d,
                          AM_DIAG_WARNING, rec, "declines", "county", &e->declines, &e->n_declines);
        if (st == AM_OK)
            st = resolve_list(inst, re->r.prefers, re->r.n_prefers, am_instance_find_county, d,
                              AM_DIAG_WARNING, rec, "prefers", "county", &e->prefers, &e->n_prefers);
        if (st != AM_OK)
            return st;
    }
    return AM_OK;
}

/* County lists of experts can only be resolved once the experts are sorted. */
static am_status resolve_county_lists(am_instance *inst, const int *order, am_diags *d)
{
    for (int i = 0; i < inst->n_counties; i++) {
        const raw_county *rc = &inst->rc[order[i]];
        am_county *c = &inst->counties[i];
        char rec[64];
        am_instance_county_label(inst, i, rec, sizeof rec);
        am_status st = resolve_list(inst, rc->r.prefers, rc->r.n_prefers, am_instance_find_expert,
                                    d, AM_DIAG_WARNING, rec, "prefers", "expert", &c->prefers,
                                    &c->n_prefers);
        if (st == AM_OK)
            st = resolve_list(inst, rc->r.recommended, rc->r.n_recommended,
                              am_instance_find_expert, d, AM_DIAG_ERROR, rec, "recommended",
                              "expert", &c->recommended, &c->n_recommended);
        if (st != AM_OK)
            return st;
    }
    return AM_OK;
}

am_status am_instance_freeze(am_instance *inst, am_diags *d, am_error *err)
{
    am_status st = AM_OK;
    int *county_order = NULL, *expert_order = NULL;
    if (inst->frozen)
        return am_error_set(err, AM_EINTERNAL, NULL, NULL, "instance frozen twice");
    st = freeze_provinces(inst, d);
    if (st == AM_OK)
        st = freeze_counties(inst, &county_order, d);
    if (st == AM_OK)
        st = freeze_experts(inst, &expert_order, d);
    if (st == AM_OK)
        st = resolve_county_lists(inst, county_order, d);
    if (st == AM_OK)
        st = am_freeze_calendar(inst, d);
    if (st == AM_OK)
        st = am_freeze_current(inst, d);
    if (st != AM_OK)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory freezing the instance");
    inst->frozen = 1;
    return AM_OK;
}
