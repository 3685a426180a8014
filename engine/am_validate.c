/* engine/am_validate.c: the domain checks of a frozen instance (docs/formats.md): policy ranges,
 * province codes and pairings, county ids, industries, priorities and recommendation lists,
 * expert capacities, names, levels and home counties (the calendar: am_validate_calendar.c; the
 * current memberships: am_validate_current.c). It only reports, into the caller's
 * am_diags, every problem at once, in input order, naming record and field. It reads the raw
 * records of am_instance_impl.h where a field's input position is lost by freeze (the order of
 * `recommended` and `paired_with`). Problems freeze already reported (duplicate ids, unknown
 * references) are not repeated. It never changes the instance. */
#include "advmatch/am_validate.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "am_instance_impl.h"

typedef struct vctx {
    const am_instance *inst;
    am_diags *d;
    am_status st; /* AM_ENOMEM once an entry could not be stored */
} vctx;

static void report(vctx *v, am_diag_level level, const char *rec, const char *field,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void report(vctx *v, am_diag_level level, const char *rec, const char *field,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (am_diags_addv(v->d, level, rec, field, fmt, ap) != AM_OK)
        v->st = AM_ENOMEM;
    va_end(ap);
}

static bool all_digits(const char *s, size_t n)
{
    if (strlen(s) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* ---- policy ---- */

/* A {min, max} pair such as local_members: both >= 0 and min <= max. */
static void check_min_max(vctx *v, const char *name, int min, int max)
{
    char fmin[48], fmax[48];
    snprintf(fmin, sizeof fmin, "%s.min", name);
    snprintf(fmax, sizeof fmax, "%s.max", name);
    if (min < 0)
        report(v, AM_DIAG_ERROR, "policy", fmin, "min %d is negative; use 0 or more", min);
    if (max < 0)
        report(v, AM_DIAG_ERROR, "policy", fmax, "max %d is negative; use 0 or more", max);
    if (min >= 0 && max >= 0 && min > max)
        report(v, AM_DIAG_ERROR, "policy", fmin, "min %d is above max %d", min, max);
}

static void check_group_size(vctx *v, const am_policy *p)
{
    bool min_ok = p->size_min >= 0, max_ok = p->size_max >= 1;
    if (!min_ok)
        report(v, AM_DIAG_ERROR, "policy", "group_size.min", "min %d is negative; use 0 or more",
               p->size_min);
    if (!max_ok)
        report(v, AM_DIAG_ERROR, "policy", "group_size.max",
               "max %d is below 1; a group needs room for at least one member", p->size_max);
    /* min above max leaves no valid target, so the target is judged only against a sane range */
    if (min_ok && max_ok && p->size_min > p->size_max) {
        report(v, AM_DIAG_ERROR, "policy", "group_size.min", "min %d is above max %d", p->size_min,
               p->size_max);
        return;
    }
    if (min_ok && p->size_target < p->size_min)
        report(v, AM_DIAG_ERROR, "policy", "group_size.target", "target %d is below min %d",
               p->size_target, p->size_min);
    if (max_ok && p->size_target > p->size_max)
        report(v, AM_DIAG_ERROR, "policy", "group_size.target", "target %d is above max %d",
               p->size_target, p->size_max);
}

static void check_policy(vctx *v, const am_policy *p)
{
    static const struct {
        const char *field;
        size_t offset;
    } penalties[] = {
        {"objective.penalty.leader", offsetof(am_policy, pen_leader)},
        {"objective.penalty.size", offsetof(am_policy, pen_size)},
        {"objective.penalty.local", offsetof(am_policy, pen_local)},
        {"objective.penalty.pairing", offsetof(am_policy, pen_pairing)},
        {"objective.penalty.industry", offsetof(am_policy, pen_industry)},
        {"objective.penalty.stage", offsetof(am_policy, pen_stage)},
        {"objective.penalty.over_target", offsetof(am_policy, pen_over_target)},
        {"objective.penalty.change", offsetof(am_policy, pen_change)},
    };
    check_group_size(v, p);
    check_min_max(v, "local_members", p->local_min, p->local_max);
    check_min_max(v, "pairing_members", p->pairing_min, p->pairing_max);
    if (p->max_same_org < 1)
        report(v, AM_DIAG_ERROR, "policy", "max_same_org",
               "max_same_org %d is below 1; no member could be placed", p->max_same_org);
    for (size_t i = 0; i < sizeof penalties / sizeof penalties[0]; i++) {
        int value = *(const int *)((const char *)p + penalties[i].offset);
        if (value < 0)
            report(v, AM_DIAG_ERROR, "policy", penalties[i].field,
                   "penalty %d is negative; use 0 or more", value);
    }
    if (p->preference_bonus < 0)
        report(v, AM_DIAG_ERROR, "policy", "objective.preference_bonus",
               "bonus %d is negative; use 0 or more", p->preference_bonus);
}

/* ---- provinces ---- */

static void check_province(vctx *v, int p)
{
    const am_instance *inst = v->inst;
    const am_province *pv = am_instance_province(inst, p);
    const am_province_rec *raw = &inst->rp[pv->input_idx].r;
    char rec[64];
    am_instance_province_label(inst, p, rec, sizeof rec);
    if (!all_digits(pv->code, 2))
        report(v, AM_DIAG_ERROR, rec, "code",
               "code \"%s\" must be 2 digits (GB/T 2260, like \"52\")", pv->code);
    if (pv->name[0] == '\0')
        report(v, AM_DIAG_ERROR, rec, "name", "name is empty");
    for (int i = 0; i < raw->n_paired_with; i++) {
        int q = am_instance_find_province(inst, raw->paired_with[i]);
        if (q < 0)
            continue; /* an unknown partner was reported by freeze */
        char field[48];
        /* the JSON form of a single partner is a plain string, which has no position */
        if (raw->n_paired_with == 1)
            snprintf(field, sizeof field, "paired_with");
        else
            snprintf(field, sizeof field, "paired_with[%d]", i);
        const am_province *qv = am_instance_province(inst, q);
        if (q == p)
            report(v, AM_DIAG_ERROR, rec, field,
                   "province \"%s\" is paired with itself; name its eastern partner or null",
                   pv->code);
        else if (qv->region != AM_REGION_EAST)
            report(v, AM_DIAG_ERROR, rec, field,
                   "partner \"%s\" has region %s; a partner must be an eastern province", qv->code,
                   am_region_name(qv->region));
    }
}

/* ---- counties ---- */

static void check_county_id(vctx *v, const am_county *cy, const char *rec)
{
    if (!all_digits(cy->id, 6)) {
        report(v, AM_DIAG_ERROR, rec, "id", "id \"%s\" must be 6 digits (GB/T 2260 county code)",
               cy->id);
        return;
    }
    if (cy->province < 0)
        return; /* unknown province: reported by freeze */
    const char *code = am_instance_province(v->inst, cy->province)->code;
    if (all_digits(code, 2) && strncmp(cy->id, code, 2) != 0)
        report(v, AM_DIAG_ERROR, rec, "id",
               "id \"%s\" does not start with its province code \"%s\"", cy->id, code);
}

/* Each recommended expert must be local to this county (docs/formats.md, `recommended`). */
static void check_recommended(vctx *v, int c, const am_county_rec *raw, const char *rec)
{
    const am_instance *inst = v->inst;
    for (int j = 0; j < raw->n_recommended; j++) {
        int e = am_instance_find_expert(inst, raw->recommended[j]);
        if (e < 0)
            continue; /* unknown expert: reported by freeze */
        const am_expert *x = am_instance_expert(inst, e);
        if (x->county == c)
            continue;
        char field[48];
        snprintf(field, sizeof field, "recommended[%d]", j);
        if (x->county < 0)
            report(v, AM_DIAG_ERROR, rec, field,
                   "expert \"%s\" has no home county; only experts of this county can be "
                   "recommended",
                   x->id);
        else
            report(v, AM_DIAG_ERROR, rec, field,
                   "expert \"%s\" has home county \"%s\", not this county", x->id,
                   am_instance_county(inst, x->county)->id);
    }
}

static void check_county(vctx *v, int c)
{
    const am_instance *inst = v->inst;
    const am_county *cy = am_instance_county(inst, c);
    const am_county_rec *raw = &inst->rc[cy->input_idx].r;
    char rec[64];
    am_instance_county_label(inst, c, rec, sizeof rec);
    check_county_id(v, cy, rec);
    if (cy->name[0] == '\0')
        report(v, AM_DIAG_ERROR, rec, "name", "name is empty");
    if (raw->n_industries == 0)
        report(v, AM_DIAG_ERROR, rec, "industries", "a county needs at least one industry");
    for (int i = 0; i < raw->n_industries; i++) {
        char field[48];
        if (raw->industries[i].field[0] == '\0') {
            snprintf(field, sizeof field, "industries[%d].field", i);
            report(v, AM_DIAG_ERROR, rec, field, "field is empty");
        }
        int w = raw->industries[i].weight;
        if (w < 1 || w > 3) {
            snprintf(field, sizeof field, "industries[%d].weight", i);
            report(v, AM_DIAG_ERROR, rec, field, "weight %d is out of range 1..3", w);
        }
    }
    if (cy->priority < 1)
        report(v, AM_DIAG_ERROR, rec, "priority",
               "priority %d is below 1; use 1, or more for a county that needs help most",
               cy->priority);
    check_recommended(v, c, raw, rec);
}

/* ---- experts ---- */

static void check_expert_home(vctx *v, const am_expert *x, const am_expert_rec *raw,
                              const char *rec)
{
    const am_instance *inst = v->inst;
    if (x->county >= 0 && x->province >= 0) {
        const am_county *home = am_instance_county(inst, x->county);
        if (home->province >= 0 && home->province != x->province)
            report(
                v, AM_DIAG_ERROR, rec, "county",
                "home county \"%s\" lies in province \"%s\", not in the expert's province \"%s\"",
                home->id, am_instance_province(inst, home->province)->code,
                am_instance_province(inst, x->province)->code);
    }
    /* raw->county set but unresolved is an unknown county, which freeze reported */
    if (x->level == AM_LEVEL_LOCAL && raw->county == NULL)
        report(v, AM_DIAG_ERROR, rec, "county", "a local expert needs a home county");
}

static void check_expert(vctx *v, int e)
{
    const am_instance *inst = v->inst;
    const am_expert *x = am_instance_expert(inst, e);
    const am_expert_rec *raw = &inst->re[x->input_idx].r;
    char rec[64];
    am_instance_expert_label(inst, e, rec, sizeof rec);
    if (x->id[0] == '\0')
        report(v, AM_DIAG_ERROR, rec, "id", "id is empty");
    if (x->name[0] == '\0')
        report(v, AM_DIAG_ERROR, rec, "name", "name is empty");
    if (am_instance_org_name(inst, x->org)[0] == '\0')
        report(v, AM_DIAG_ERROR, rec, "org", "org is empty");
    if (x->capacity < 0)
        report(v, AM_DIAG_ERROR, rec, "capacity",
               "capacity %d is negative; use 0 for an expert who sits in no group", x->capacity);
    if (x->leader_capacity < 0)
        report(v, AM_DIAG_ERROR, rec, "leader_capacity",
               "leader_capacity %d is negative; use 0 for an expert who leads no group",
               x->leader_capacity);
    check_expert_home(v, x, raw, rec);
    /* Without a field an expert can only be a local member; without a home county as well,
     * no county can take them. A local expert without fields is normal (recommended members). */
    if (x->active && x->n_fields == 0 && raw->county == NULL)
        report(v, AM_DIAG_WARNING, rec, "fields",
               "the expert has no fields and no home county, so no county can take them");
}

/* ---- driver ---- */

typedef int (*input_idx_fn)(const am_instance *inst, int idx);
static int province_input(const am_instance *inst, int i)
{
    return am_instance_province(inst, i)->input_idx;
}
static int county_input(const am_instance *inst, int i)
{
    return am_instance_county(inst, i)->input_idx;
}
static int expert_input(const am_instance *inst, int i)
{
    return am_instance_expert(inst, i)->input_idx;
}

/* Frozen indexes in input order (records dropped by freeze as duplicates are absent), so that
 * problems are listed as they stand in the file. NULL on no memory. */
static int *input_order(am_arena *a, const am_instance *inst, int n_raw, int n, input_idx_fn fn)
{
    int *slot = AM_ARENA_ARRAY(a, int, n_raw + 1);
    int *out = AM_ARENA_ARRAY(a, int, n + 1);
    if (!slot || !out)
        return NULL;
    for (int i = 0; i < n_raw; i++)
        slot[i] = -1;
    for (int i = 0; i < n; i++)
        slot[fn(inst, i)] = i;
    int m = 0;
    for (int i = 0; i < n_raw; i++)
        if (slot[i] >= 0)
            out[m++] = slot[i];
    return out;
}

am_status am_validate(const am_instance *inst, am_diags *d, am_error *err)
{
    am_status st = AM_OK;
    vctx v = {inst, d, AM_OK};
    am_arena *a = am_arena_new();
    int np = am_instance_n_provinces(inst), nc = am_instance_n_counties(inst);
    int ne = am_instance_n_experts(inst);
    int *po = a ? input_order(a, inst, inst->n_rp, np, province_input) : NULL;
    int *co = a ? input_order(a, inst, inst->n_rc, nc, county_input) : NULL;
    int *eo = a ? input_order(a, inst, inst->n_re, ne, expert_input) : NULL;
    if (!po || !co || !eo) {
        st = AM_ENOMEM;
        goto done;
    }
    check_policy(&v, am_instance_policy(inst));
    for (int i = 0; i < np && v.st == AM_OK; i++)
        check_province(&v, po[i]);
    for (int i = 0; i < nc && v.st == AM_OK; i++)
        check_county(&v, co[i]);
    for (int i = 0; i < ne && v.st == AM_OK; i++)
        check_expert(&v, eo[i]);
    if (v.st == AM_OK)
        v.st = am_validate_calendar(inst, d);
    if (v.st == AM_OK)
        v.st = am_validate_current(inst, d);
    st = v.st;
done:
    am_arena_free(a);
    if (st != AM_OK)
        st = am_error_set(err, st, NULL, NULL, "out of memory validating the instance");
    return st;
}
