/* engine/am_instance_scope.c: am_instance_scope: rebuild an instance through the builder calls
 * with a subset of the counties, experts' capacities net of the groups kept outside it, and the
 * scope's current memberships. */
#include "advmatch/am_scope.h"

#include "advmatch/am_arena.h"

typedef struct scope_ctx {
    const am_instance *src;
    const am_scope *s;
    am_instance *dst;
    am_arena *tmp;
    int *used, *led; /* per expert: memberships / leaderships outside the scope */
    am_error *err;
} scope_ctx;

static am_status nomem(am_error *err)
{
    return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory cutting out a round's scope");
}

static am_status copy_calendar(scope_ctx *x)
{
    const am_calendar *c = am_instance_calendar(x->src);
    if (!c->present)
        return AM_OK;
    am_calendar_rec r;
    am_calendar_rec_init(&r);
    r.year = c->year;
    if (!c->lists_shipped) {
        r.holidays = c->holidays;
        r.n_holidays = c->n_holidays;
        r.workdays = c->workdays;
        r.n_workdays = c->n_workdays;
    }
    for (int h = 0; h < AM_N_HALVES; h++)
        r.halves[h] = c->halves[h];
    r.meetings_per_half = c->meetings_per_half;
    r.max_per_province_per_day = c->max_per_province_per_day;
    r.min_attendance = c->min_attendance;
    r.plan_early_summary_late = c->plan_early_summary_late;
    return am_instance_set_calendar(x->dst, &r, x->err);
}

static am_status copy_provinces(scope_ctx *x)
{
    for (int p = 0; p < am_instance_n_provinces(x->src); p++) {
        const am_province *pv = am_instance_province(x->src, p);
        const char **paired = AM_ARENA_ARRAY(x->tmp, const char *, pv->n_paired + 1);
        if (!paired)
            return nomem(x->err);
        for (int i = 0; i < pv->n_paired; i++)
            paired[i] = am_instance_province(x->src, pv->paired[i])->code;
        am_province_rec r = {.code = pv->code, .name = pv->name, .region = pv->region,
                             .paired_with = paired, .n_paired_with = pv->n_paired};
        am_status st = am_instance_add_province(x->dst, &r, x->err);
        if (st != AM_OK)
            return st;
    }
    return AM_OK;
}

/* Expert ids of a list of expert indexes. */
static const char **expert_ids(scope_ctx *x, const int *idx, int n)
{
    const char **v = AM_ARENA_ARRAY(x->tmp, const char *, n + 1);
    for (int i = 0; v && i < n; i++)
        v[i] = am_instance_expert(x->src, idx[i])->id;
    return v;
}

static am_status copy_counties(scope_ctx *x)
{
    for (int c = 0; c < am_instance_n_counties(x->src); c++) {
        if (!x->s->county_in[c])
            continue;
        const am_county *cy = am_instance_county(x->src, c);
        am_industry_rec *ind = AM_ARENA_ARRAY(x->tmp, am_industry_rec, cy->n_industries + 1);
        const char **prefers = expert_ids(x, cy->prefers, cy->n_prefers);
        bool more = x->s->recommend && c == x->s->recommend_county;
        const char **recommended = expert_ids(x, cy->recommended, cy->n_recommended);
        if (!ind || !prefers || !recommended)
            return nomem(x->err);
        for (int i = 0; i < cy->n_industries; i++)
            ind[i] = (am_industry_rec){am_instance_field_name(x->src, cy->industries[i].field),
                                       cy->industries[i].weight};
        if (more) /* expert_ids leaves room for one more */
            recommended[cy->n_recommended] = am_instance_expert(x->src, x->s->recommend_expert)->id;
        am_county_rec r = {.id = cy->id, .name = cy->name,
                           .province = am_instance_province(x->src, cy->province)->code,
                           .industries = ind, .n_industries = cy->n_industries,
                           .stages = cy->stages, .priority = cy->priority,
                           .prefers = prefers, .n_prefers = cy->n_prefers,
                           .recommended = recommended, .n_recommended = cy->n_recommended + more,
                           .blackout = cy->blackout, .n_blackout = cy->n_blackout};
        am_status st = am_instance_add_county(x->dst, &r, x->err);
        if (st != AM_OK)
            return st;
    }
    return AM_OK;
}

/* County ids of the counties in scope among `idx`; *m gets how many. */
static const char **scope_ids(scope_ctx *x, const int *idx, int n, int *m)
{
    const char **v = AM_ARENA_ARRAY(x->tmp, const char *, n + 1);
    *m = 0;
    for (int i = 0; v && i < n; i++)
        if (x->s->county_in[idx[i]])
            v[(*m)++] = am_instance_county(x->src, idx[i])->id;
    return v;
}

static am_status copy_experts(scope_ctx *x)
{
    for (int e = 0; e < am_instance_n_experts(x->src); e++) {
        const am_expert *ex = am_instance_expert(x->src, e);
        const char **fields = AM_ARENA_ARRAY(x->tmp, const char *, ex->n_fields + 1);
        int n_declines, n_prefers;
        const char **declines = scope_ids(x, ex->declines, ex->n_declines, &n_declines);
        const char **prefers = scope_ids(x, ex->prefers, ex->n_prefers, &n_prefers);
        if (!fields || !declines || !prefers)
            return nomem(x->err);
        for (int i = 0; i < ex->n_fields; i++)
            fields[i] = am_instance_field_name(x->src, ex->fields[i]);
        int cap = ex->capacity - x->used[e], lcap = ex->leader_capacity - x->led[e];
        cap += x->s->more_capacity ? x->s->more_capacity[e] : 0;
        lcap += x->s->more_leader ? x->s->more_leader[e] : 0;
        /* A home county outside the scope is left out (the instance has no such county); a
         * local expert then reads as provincial: for the counties in scope both are the same
         * candidate (own or partner province, by field), since only the home county differs. */
        bool home_in = ex->county >= 0 && x->s->county_in[ex->county];
        am_level level = !home_in && ex->level == AM_LEVEL_LOCAL ? AM_LEVEL_PROVINCIAL : ex->level;
        am_expert_rec r = {.id = ex->id, .name = ex->name, .level = level,
                           .org = am_instance_org_name(x->src, ex->org),
                           .province = am_instance_province(x->src, ex->province)->code,
                           .county = home_in ? am_instance_county(x->src, ex->county)->id : NULL,
                           .fields = fields, .n_fields = ex->n_fields, .stages = ex->stages,
                           .capacity = cap > 0 ? cap : 0, .leader_capacity = lcap > 0 ? lcap : 0,
                           .declines = declines, .n_declines = n_declines,
                           .prefers = prefers, .n_prefers = n_prefers, .active = ex->active,
                           .unavailable = ex->unavailable, .n_unavailable = ex->n_unavailable};
        am_status st = am_instance_add_expert(x->dst, &r, x->err);
        if (st != AM_OK)
            return st;
    }
    return AM_OK;
}

static am_status copy_meetings_and_current(scope_ctx *x)
{
    am_status st = AM_OK;
    for (int i = 0; i < am_instance_n_meetings(x->src) && st == AM_OK; i++) {
        const am_fixed_meeting *m = am_instance_meeting(x->src, i);
        if (m->county < 0 || !x->s->county_in[m->county])
            continue;
        am_meeting_rec r = {am_instance_county(x->src, m->county)->id, m->date, m->mode};
        st = am_instance_add_meeting(x->dst, &r, x->err);
    }
    for (int i = 0; i < am_instance_n_current(x->src) && st == AM_OK; i++) {
        const am_current *m = am_instance_current(x->src, i);
        if (!x->s->county_in[m->county] || (x->s->keep && !x->s->keep[i]))
            continue;
        am_current_rec r = {am_instance_county(x->src, m->county)->id,
                            am_instance_expert(x->src, m->expert)->id, m->role,
                            x->s->lock && x->s->lock[i]};
        st = am_instance_add_current(x->dst, &r, x->err);
    }
    return st;
}

am_status am_instance_scope(const am_instance *src, const am_scope *s, am_instance **out,
                            am_diags *d, am_error *err)
{
    *out = NULL;
    scope_ctx x = {.src = src, .s = s, .err = err, .tmp = am_arena_new()};
    am_status st = AM_OK;
    int n_experts = am_instance_n_experts(src);
    if (!x.tmp)
        return nomem(err);
    x.used = AM_ARENA_ARRAY(x.tmp, int, n_experts + 1);
    x.led = AM_ARENA_ARRAY(x.tmp, int, n_experts + 1);
    if (!x.used || !x.led) {
        st = nomem(err);
        goto done;
    }
    for (int e = 0; e < n_experts; e++)
        x.used[e] = x.led[e] = 0;
    for (int i = 0; i < am_instance_n_current(src); i++) {
        const am_current *m = am_instance_current(src, i);
        if (s->county_in[m->county])
            continue;
        x.used[m->expert]++;
        x.led[m->expert] += m->role == AM_ROLE_LEADER;
    }
    AM_TRY(am_instance_new(&x.dst, err));
    am_instance_set_policy(x.dst, am_instance_policy(src));
    AM_TRY(copy_calendar(&x));
    AM_TRY(copy_provinces(&x));
    AM_TRY(copy_counties(&x));
    AM_TRY(copy_experts(&x));
    AM_TRY(copy_meetings_and_current(&x));
    AM_TRY(am_instance_freeze(x.dst, d, err));
    *out = x.dst;
    x.dst = NULL;
done:
    am_instance_free(x.dst);
    am_arena_free(x.tmp);
    return st;
}
