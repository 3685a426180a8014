/* adapters/json/json_instance_out.c: writes a frozen instance as advmatch-instance/1, records in
 * their sorted order and every policy value spelled out, so that reading it back gives an equal
 * instance. */
#include <string.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_json.h"

/* ["a", "b"] from names picked by index. */
static void name_list(am_sink *s, const int *idx, int n, const char *(*name)(const void *, int),
                      const void *ctx)
{
    am_sink_puts(s, "[");
    for (int i = 0; i < n; i++) {
        am_sink_puts(s, i ? ", " : "");
        am_sink_json_string(s, name(ctx, idx[i]));
    }
    am_sink_puts(s, "]");
}

static const char *expert_id(const void *inst, int i)
{
    return am_instance_expert((const am_instance *)inst, i)->id;
}
static const char *county_id(const void *inst, int i)
{
    return am_instance_county((const am_instance *)inst, i)->id;
}
static const char *province_code(const void *inst, int i)
{
    return am_instance_province((const am_instance *)inst, i)->code;
}
static const char *field_name(const void *inst, int i)
{
    return am_instance_field_name((const am_instance *)inst, i);
}

/* An expert's fields sorted by name: interned ids follow the input's order of first use, which
 * would make the output depend on the order of records. */
static void field_list(am_sink *s, const am_instance *inst, const am_expert *e)
{
    const char **names = am_heap_realloc(NULL, sizeof *names * (size_t)(e->n_fields + 1));
    if (!names) {
        name_list(s, e->fields, e->n_fields, field_name, inst); /* unsorted, still valid */
        return;
    }
    for (int i = 0; i < e->n_fields; i++) {
        const char *f = am_instance_field_name(inst, e->fields[i]);
        int j = i;
        for (; j > 0 && strcmp(names[j - 1], f) > 0; j--)
            names[j] = names[j - 1];
        names[j] = f;
    }
    am_sink_puts(s, "[");
    for (int i = 0; i < e->n_fields; i++) {
        am_sink_puts(s, i ? ", " : "");
        am_sink_json_string(s, names[i]);
    }
    am_sink_puts(s, "]");
    am_heap_free(names);
}

static void stage_list(am_sink *s, unsigned stages)
{
    am_sink_puts(s, "[");
    bool first = true;
    for (int k = 0; k < AM_N_STAGES; k++)
        if (stages & (1u << k)) {
            am_sink_puts(s, first ? "" : ", ");
            am_sink_json_string(s, am_stage_name((am_stage)k));
            first = false;
        }
    am_sink_puts(s, "]");
}

static void str_line(am_sink *s, const char *k, const char *v, const char *end)
{
    am_sink_printf(s, "      \"%s\": ", k);
    am_sink_json_string(s, v);
    am_sink_puts(s, end);
}

/* ,\n      "key": [{"from": .., "to": ..}, ...]  when n > 0 */
static void range_list(am_sink *s, const char *key, const am_range *r, int n)
{
    if (n <= 0)
        return;
    am_sink_printf(s, ",\n      \"%s\": [", key);
    for (int i = 0; i < n; i++) {
        char a[11], b[11];
        am_sink_printf(s, "%s{\"from\": \"%s\", \"to\": \"%s\"}", i ? ", " : "",
                       am_date_format(r[i].from, a), am_date_format(r[i].to, b));
    }
    am_sink_puts(s, "]");
}

static void date_list(am_sink *s, const char *key, const am_date *v, int n)
{
    am_sink_printf(s, "    \"%s\": [", key);
    for (int i = 0; i < n; i++) {
        char a[11];
        am_sink_printf(s, "%s\"%s\"", i ? ", " : "", am_date_format(v[i], a));
    }
    am_sink_puts(s, "],\n");
}

/* The calendar and the fixed meetings, when the instance has them. Shipped holiday lists are
 * left out, so that reading the output ships them again. */
static void write_scheduling(am_sink *s, const am_instance *inst)
{
    const am_calendar *c = am_instance_calendar(inst);
    if (c->present) {
        char a[11], b[11], e[11], f[11];
        am_sink_printf(s, ",\n  \"calendar\": {\n    \"year\": %d,\n", c->year);
        if (!c->lists_shipped) {
            date_list(s, "holidays", c->holidays, c->n_holidays);
            date_list(s, "workdays", c->workdays, c->n_workdays);
        }
        am_sink_printf(s,
                       "    \"halves\": {\"H1\": {\"from\": \"%s\", \"to\": \"%s\"}, "
                       "\"H2\": {\"from\": \"%s\", \"to\": \"%s\"}},\n"
                       "    \"meetings_per_half\": %d,\n"
                       "    \"max_meetings_per_province_per_day\": %d,\n"
                       "    \"min_attendance\": %.6g,\n"
                       "    \"plan_early_summary_late\": %s\n  }",
                       am_date_format(c->halves[0].from, a), am_date_format(c->halves[0].to, b),
                       am_date_format(c->halves[1].from, e), am_date_format(c->halves[1].to, f),
                       c->meetings_per_half, c->max_per_province_per_day, c->min_attendance,
                       c->plan_early_summary_late ? "true" : "false");
    }
    int n = am_instance_n_meetings(inst);
    if (n == 0)
        return;
    am_sink_puts(s, ",\n  \"meetings\": [");
    for (int i = 0; i < n; i++) {
        const am_fixed_meeting *m = am_instance_meeting(inst, i);
        char a[11];
        am_sink_puts(s, i ? ",\n    {\"county\": " : "\n    {\"county\": ");
        am_sink_json_string(s, am_instance_county(inst, m->county)->id);
        am_sink_printf(s, ", \"date\": \"%s\", \"mode\": \"%s\", \"fixed\": true}",
                       am_date_format(m->date, a), am_mode_name(m->mode));
    }
    am_sink_puts(s, "\n  ]");
}

/* The current memberships, when there are any, in their frozen order (county, then expert). */
static void write_current(am_sink *s, const am_instance *inst)
{
    int n = am_instance_n_current(inst);
    if (n == 0)
        return;
    am_sink_puts(s, ",\n  \"current\": [");
    for (int i = 0; i < n; i++) {
        const am_current *m = am_instance_current(inst, i);
        am_sink_puts(s, i ? ",\n    {\"county\": " : "\n    {\"county\": ");
        am_sink_json_string(s, am_instance_county(inst, m->county)->id);
        am_sink_puts(s, ", \"expert\": ");
        am_sink_json_string(s, am_instance_expert(inst, m->expert)->id);
        am_sink_printf(s, ", \"role\": \"%s\", \"locked\": %s}", am_role_name(m->role),
                       m->locked ? "true" : "false");
    }
    am_sink_puts(s, "\n  ]");
}

static void write_policy(am_sink *s, const am_policy *p)
{
    am_sink_printf(s,
                   "  \"policy\": {\n"
                   "    \"group_size\": {\"min\": %d, \"target\": %d, \"max\": %d},\n"
                   "    \"local_members\": {\"min\": %d, \"max\": %d},\n"
                   "    \"pairing_members\": {\"min\": %d, \"max\": %d},\n"
                   "    \"max_same_org\": %d,\n"
                   "    \"objective\": {\n"
                   "      \"penalty\": {\"leader\": %d, \"size\": %d, \"local\": %d, "
                   "\"pairing\": %d, \"industry\": %d, \"stage\": %d, \"over_target\": %d, "
                   "\"change\": %d},\n"
                   "      \"preference_bonus\": %d\n"
                   "    }\n"
                   "  },\n",
                   p->size_min, p->size_target, p->size_max, p->local_min, p->local_max,
                   p->pairing_min, p->pairing_max, p->max_same_org, p->pen_leader, p->pen_size,
                   p->pen_local, p->pen_pairing, p->pen_industry, p->pen_stage,
                   p->pen_over_target, p->pen_change, p->preference_bonus);
}

static void write_provinces(am_sink *s, const am_instance *inst)
{
    int n = am_instance_n_provinces(inst);
    am_sink_puts(s, "  \"provinces\": [");
    for (int i = 0; i < n; i++) {
        const am_province *p = am_instance_province(inst, i);
        am_sink_puts(s, i ? ",\n    {\n" : "\n    {\n");
        str_line(s, "code", p->code, ",\n");
        str_line(s, "name", p->name, ",\n");
        str_line(s, "region", am_region_name(p->region), ",\n");
        am_sink_puts(s, "      \"paired_with\": ");
        if (p->n_paired == 0)
            am_sink_puts(s, "null");
        else if (p->n_paired == 1)
            am_sink_json_string(s, am_instance_province(inst, p->paired[0])->code);
        else
            name_list(s, p->paired, p->n_paired, province_code, inst);
        am_sink_puts(s, "\n    }");
    }
    am_sink_puts(s, n ? "\n  ],\n" : "],\n");
}

static void write_counties(am_sink *s, const am_instance *inst)
{
    int n = am_instance_n_counties(inst);
    am_sink_puts(s, "  \"counties\": [");
    for (int i = 0; i < n; i++) {
        const am_county *c = am_instance_county(inst, i);
        am_sink_puts(s, i ? ",\n    {\n" : "\n    {\n");
        str_line(s, "id", c->id, ",\n");
        str_line(s, "name", c->name, ",\n");
        str_line(s, "province", am_instance_province(inst, c->province)->code, ",\n");
        am_sink_puts(s, "      \"industries\": [");
        for (int k = 0; k < c->n_industries; k++) {
            am_sink_puts(s, k ? ", {\"field\": " : "{\"field\": ");
            am_sink_json_string(s, am_instance_field_name(inst, c->industries[k].field));
            am_sink_printf(s, ", \"weight\": %d}", c->industries[k].weight);
        }
        am_sink_puts(s, "],\n      \"stages\": ");
        stage_list(s, c->stages);
        am_sink_printf(s, ",\n      \"priority\": %d,\n      \"prefers\": ", c->priority);
        name_list(s, c->prefers, c->n_prefers, expert_id, inst);
        am_sink_puts(s, ",\n      \"recommended\": ");
        name_list(s, c->recommended, c->n_recommended, expert_id, inst);
        range_list(s, "blackout", c->blackout, c->n_blackout);
        am_sink_puts(s, "\n    }");
    }
    am_sink_puts(s, n ? "\n  ],\n" : "],\n");
}

static void write_experts(am_sink *s, const am_instance *inst)
{
    int n = am_instance_n_experts(inst);
    am_sink_puts(s, "  \"experts\": [");
    for (int i = 0; i < n; i++) {
        const am_expert *e = am_instance_expert(inst, i);
        am_sink_puts(s, i ? ",\n    {\n" : "\n    {\n");
        str_line(s, "id", e->id, ",\n");
        str_line(s, "name", e->name, ",\n");
        str_line(s, "level", am_level_name(e->level), ",\n");
        str_line(s, "org", am_instance_org_name(inst, e->org), ",\n");
        str_line(s, "province", am_instance_province(inst, e->province)->code, ",\n");
        am_sink_puts(s, "      \"county\": ");
        if (e->county >= 0)
            am_sink_json_string(s, am_instance_county(inst, e->county)->id);
        else
            am_sink_puts(s, "null");
        am_sink_puts(s, ",\n      \"fields\": ");
        field_list(s, inst, e);
        am_sink_puts(s, ",\n      \"stages\": ");
        stage_list(s, e->stages);
        am_sink_printf(s, ",\n      \"capacity\": %d,\n      \"leader_capacity\": %d,\n",
                       e->capacity, e->leader_capacity);
        am_sink_puts(s, "      \"declines\": ");
        name_list(s, e->declines, e->n_declines, county_id, inst);
        am_sink_puts(s, ",\n      \"prefers\": ");
        name_list(s, e->prefers, e->n_prefers, county_id, inst);
        am_sink_printf(s, ",\n      \"active\": %s", e->active ? "true" : "false");
        range_list(s, "unavailable", e->unavailable, e->n_unavailable);
        am_sink_puts(s, "\n    }");
    }
    am_sink_puts(s, n ? "\n  ]" : "]");
}

void am_json_write_instance(const am_instance *inst, am_sink *s)
{
    am_sink_puts(s, "{\n  \"format\": ");
    am_sink_json_string(s, AM_JSON_INSTANCE_FORMAT);
    am_sink_puts(s, ",\n");
    write_policy(s, am_instance_policy(inst));
    write_provinces(s, inst);
    write_counties(s, inst);
    write_experts(s, inst);
    write_scheduling(s, inst);
    write_current(s, inst);
    am_sink_puts(s, "\n}\n");
}
