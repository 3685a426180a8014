/* engine/am_instance.c: building an instance from records (copying every string) and reading a
 * frozen one. Sorting and reference resolution live in am_freeze.c. */
#include "advmatch/am_instance.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "am_instance_impl.h"

am_status am_instance_new(am_instance **out, am_error *err)
{
    *out = NULL;
    am_arena *a = am_arena_new();
    am_instance *inst = a ? am_arena_alloc(a, sizeof *inst, _Alignof(am_instance)) : NULL;
    if (inst) {
        inst->arena = a;
        inst->fields = am_intern_new(a);
        inst->orgs = am_intern_new(a);
    }
    if (!inst || !inst->fields || !inst->orgs) {
        am_arena_free(a);
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory creating the instance");
    }
    am_policy_init(&inst->policy);
    *out = inst;
    return AM_OK;
}

void am_instance_free(am_instance *inst)
{
    if (inst)
        am_arena_free(inst->arena);
}

void am_instance_set_policy(am_instance *inst, const am_policy *p) { inst->policy = *p; }

static am_status nomem(am_error *err)
{
    return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory building the instance");
}

static const char *dup_or_null(am_arena *a, const char *s, int *ok)
{
    if (!s)
        return NULL;
    char *p = am_arena_strdup(a, s);
    if (!p)
        *ok = 0;
    return p;
}

static const char *const *dup_list(am_arena *a, const char *const *v, int n, int *ok)
{
    if (n <= 0)
        return NULL;
    const char **out = AM_ARENA_ARRAY(a, const char *, n);
    if (!out) {
        *ok = 0;
        return NULL;
    }
    for (int i = 0; i < n; i++)
        out[i] = dup_or_null(a, v[i] ? v[i] : "", ok);
    return out;
}

static int *intern_list(am_intern *t, am_arena *a, const char *const *v, int n, int *ok)
{
    int *out = AM_ARENA_ARRAY(a, int, n > 0 ? n : 1);
    if (!out) {
        *ok = 0;
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        const char *s = v[i] ? v[i] : "";
        out[i] = am_intern_get(t, s, strlen(s));
        if (out[i] < 0)
            *ok = 0;
    }
    return out;
}

static const am_range *dup_ranges(am_arena *a, const am_range *v, int n, int *ok)
{
    if (n <= 0)
        return NULL;
    am_range *out = AM_ARENA_ARRAY(a, am_range, n);
    if (!out) {
        *ok = 0;
        return NULL;
    }
    memcpy(out, v, sizeof *out * (size_t)n);
    return out;
}

static const am_date *dup_dates(am_arena *a, const am_date *v, int n, int *ok)
{
    am_date *out = AM_ARENA_ARRAY(a, am_date, n > 0 ? n : 1);
    if (!out) {
        *ok = 0;
        return NULL;
    }
    if (n > 0)
        memcpy(out, v, sizeof *out * (size_t)n);
    return out;
}

am_status am_instance_set_calendar(am_instance *inst, const am_calendar_rec *r, am_error *err)
{
    int ok = 1;
    inst->cal_rec = *r;
    if (r->n_holidays >= 0)
        inst->cal_rec.holidays = dup_dates(inst->arena, r->holidays, r->n_holidays, &ok);
    if (r->n_workdays >= 0)
        inst->cal_rec.workdays = dup_dates(inst->arena, r->workdays, r->n_workdays, &ok);
    if (!ok)
        return nomem(err);
    inst->has_calendar = true;
    return AM_OK;
}

am_status am_instance_add_meeting(am_instance *inst, const am_meeting_rec *r, am_error *err)
{
    am_arena *a = inst->arena;
    if (am_arena_grow(a, (void **)&inst->rm, &inst->cap_rm, (size_t)inst->n_rm + 1,
                      sizeof(raw_meeting), _Alignof(raw_meeting)) != 0)
        return nomem(err);
    int ok = 1;
    raw_meeting m = {.r = *r};
    m.r.county = dup_or_null(a, r->county ? r->county : "", &ok);
    if (!ok)
        return nomem(err);
    inst->rm[inst->n_rm++] = m;
    return AM_OK;
}

am_status am_instance_add_province(am_instance *inst, const am_province_rec *r, am_error *err)
{
    am_arena *a = inst->arena;
    if (am_arena_grow(a, (void **)&inst->rp, &inst->cap_rp, (size_t)inst->n_rp + 1,
                      sizeof(raw_province), _Alignof(raw_province)) != 0)
        return nomem(err);
    int ok = 1;
    am_province_rec c = *r;
    c.code = dup_or_null(a, r->code ? r->code : "", &ok);
    c.name = dup_or_null(a, r->name ? r->name : "", &ok);
    c.paired_with = dup_list(a, r->paired_with, r->n_paired_with, &ok);
    if (!ok)
        return nomem(err);
    inst->rp[inst->n_rp++].r = c;
    return AM_OK;
}

am_status am_instance_add_county(am_instance *inst, const am_county_rec *r, am_error *err)
{
    am_arena *a = inst->arena;
    if (am_arena_grow(a, (void **)&inst->rc, &inst->cap_rc, (size_t)inst->n_rc + 1,
                      sizeof(raw_county), _Alignof(raw_county)) != 0)
        return nomem(err);
    int ok = 1;
    raw_county rc = {.r = *r};
    rc.r.id = dup_or_null(a, r->id ? r->id : "", &ok);
    rc.r.name = dup_or_null(a, r->name ? r->name : "", &ok);
    rc.r.province = dup_or_null(a, r->province ? r->province : "", &ok);
    rc.r.prefers = dup_list(a, r->prefers, r->n_prefers, &ok);
    rc.r.recommended = dup_list(a, r->recommended, r->n_recommended, &ok);
    rc.r.blackout = dup_ranges(a, r->blackout, r->n_blackout, &ok);
    am_industry_rec *ind = AM_ARENA_ARRAY(a, am_industry_rec, r->n_industries > 0 ? r->n_industries : 1);
    rc.fields = AM_ARENA_ARRAY(a, int, r->n_industries > 0 ? r->n_industries : 1);
    if (!ind || !rc.fields)
        return nomem(err);
    for (int i = 0; i < r->n_industries; i++) {
        const char *f = r->industries[i].field ? r->industries[i].field : "";
        ind[i].field = dup_or_null(a, f, &ok);
        ind[i].weight = r->industries[i].weight;
        rc.fields[i] = am_intern_get(inst->fields, f, strlen(f));
        if (rc.fields[i] < 0)
            ok = 0;
    }
    rc.r.industries = ind;
    if (!ok)
        return nomem(err);
    inst->rc[inst->n_rc++] = rc;
    return AM_OK;
}

am_status am_instance_add_expert(am_instance *inst, const am_expert_rec *r, am_error *err)
{
    am_arena *a = inst->arena;
    if (am_arena_grow(a, (void **)&inst->re, &inst->cap_re, (size_t)inst->n_re + 1,
                      sizeof(raw_expert), _Alignof(raw_expert)) != 0)
        return nomem(err);
    int ok = 1;
    raw_expert re = {.r = *r};
    re.r.id = dup_or_null(a, r->id ? r->id : "", &ok);
    re.r.name = dup_or_null(a, r->name ? r->name : "", &ok);
    re.r.org = dup_or_null(a, r->org ? r->org : "", &ok);
    re.r.province = dup_or_null(a, r->province ? r->province : "", &ok);
    re.r.county = dup_or_null(a, r->county, &ok);
    re.r.fields = dup_list(a, r->fields, r->n_fields, &ok);
    re.r.declines = dup_list(a, r->declines, r->n_declines, &ok);
    re.r.prefers = dup_list(a, r->prefers, r->n_prefers, &ok);
    re.r.unavailable = dup_ranges(a, r->unavailable, r->n_unavailable, &ok);
    re.fields = intern_list(inst->fields, a, r->fields, r->n_fields, &ok);
    const char *org = re.r.org ? re.r.org : "";
    re.org = am_intern_get(inst->orgs, org, strlen(org));
    if (!ok || re.org < 0)
        return nomem(err);
    inst->re[inst->n_re++] = re;
    return AM_OK;
}

const am_policy *am_instance_policy(const am_instance *inst) { return &inst->policy; }
int am_instance_n_provinces(const am_instance *inst) { return inst->n_provinces; }
int am_instance_n_counties(const am_instance *inst) { return inst->n_counties; }
int am_instance_n_experts(const am_instance *inst) { return inst->n_experts; }
int am_instance_n_fields(const am_instance *inst) { return am_intern_count(inst->fields); }
int am_instance_n_orgs(const am_instance *inst) { return am_intern_count(inst->orgs); }

const am_province *am_instance_province(const am_instance *inst, int idx)
{
    return &inst->provinces[idx];
}
const am_county *am_instance_county(const am_instance *inst, int idx) { return &inst->counties[idx]; }
const am_expert *am_instance_expert(const am_instance *inst, int idx) { return &inst->experts[idx]; }
const char *am_instance_field_name(const am_instance *inst, int field)
{
    return am_intern_str(inst->fields, field);
}
const char *am_instance_org_name(const am_instance *inst, int org)
{
    return am_intern_str(inst->orgs, org);
}
const am_calendar *am_instance_calendar(const am_instance *inst) { return &inst->calendar; }
int am_instance_n_meetings(const am_instance *inst) { return inst->n_meetings; }
const am_fixed_meeting *am_instance_meeting(const am_instance *inst, int idx)
{
    return &inst->meetings[idx];
}

/* Binary search over records sorted by their id string at offset `off`. */
static int find_sorted(const void *base, int n, size_t elem, size_t off, const char *key)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        const char *id = *(const char *const *)((const char *)base + (size_t)mid * elem + off);
        int c = strcmp(id, key);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

int am_instance_find_province(const am_instance *inst, const char *code)
{
    return find_sorted(inst->provinces, inst->n_provinces, sizeof(am_province),
                       offsetof(am_province, code), code);
}
int am_instance_find_county(const am_instance *inst, const char *id)
{
    return find_sorted(inst->counties, inst->n_counties, sizeof(am_county), offsetof(am_county, id),
                       id);
}
int am_instance_find_expert(const am_instance *inst, const char *id)
{
    return find_sorted(inst->experts, inst->n_experts, sizeof(am_expert), offsetof(am_expert, id),
                       id);
}
int am_instance_find_field(const am_instance *inst, const char *name)
{
    return am_intern_find(inst->fields, name, strlen(name));
}

char *am_instance_county_label(const am_instance *inst, int idx, char *buf, int size)
{
    const am_county *c = &inst->counties[idx];
    snprintf(buf, (size_t)size, "counties[%d] id \"%s\"", c->input_idx, c->id);
    return buf;
}
char *am_instance_expert_label(const am_instance *inst, int idx, char *buf, int size)
{
    const am_expert *e = &inst->experts[idx];
    snprintf(buf, (size_t)size, "experts[%d] id \"%s\"", e->input_idx, e->id);
    return buf;
}
char *am_instance_province_label(const am_instance *inst, int idx, char *buf, int size)
{
    const am_province *p = &inst->provinces[idx];
    snprintf(buf, (size_t)size, "provinces[%d] code \"%s\"", p->input_idx, p->code);
    return buf;
}

char *am_instance_meeting_label(const am_instance *inst, int idx, char *buf, int size)
{
    const am_fixed_meeting *m = &inst->meetings[idx];
    char date[11];
    snprintf(buf, (size_t)size, "meetings[%d] date \"%s\"", m->input_idx,
             am_date_format(m->date, date));
    return buf;
}

bool am_index_in(const int *sorted, int n, int idx)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (sorted[mid] == idx)
            return true;
        if (sorted[mid] < idx)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return false;
}

bool am_expert_has_field(const am_expert *e, int field) { return am_index_in(e->fields, e->n_fields, field); }
