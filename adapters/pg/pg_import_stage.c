/* adapters/pg/pg_import_stage.c: the COPY text of the staging tables of `advmatch db import`,
 * built from the instance: one row per record and list entry, counties and experts with the
 * digest of their whole record. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_import_impl.h"

/* ---- digests: FNV-1a, 64 bits, over an unambiguous encoding of the record ---- */

typedef uint64_t digest;
#define DIGEST_INIT 0xcbf29ce484222325u

static digest dg_bytes(digest h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 0x100000001b3u;
    }
    return h;
}

/* A string with its terminating NUL (no string holds a NUL, so the encoding is unambiguous). */
static digest dg_str(digest h, const char *s)
{
    return dg_bytes(h, s, strlen(s) + 1);
}

/* An integer as 8 little-endian bytes, the same on every machine. */
static digest dg_int(digest h, long long v)
{
    unsigned char b[8];
    uint64_t u = (uint64_t)v;
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(u >> (8 * i));
    return dg_bytes(h, b, sizeof b);
}

static void digest_hex(digest h, char out[17])
{
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* ---- COPY rows: each value followed by `end`, a tab or the row's newline ---- */

static void put_text(am_sink *s, const char *v, char end)
{
    pg_copy_field(s, v);
    am_sink_put(s, &end, 1);
}

static void put_int(am_sink *s, long long v, char end)
{
    am_sink_printf(s, "%lld%c", v, end);
}

static void put_date(am_sink *s, am_date d, char end)
{
    char b[11];
    am_sink_printf(s, "%s%c", am_date_format(d, b), end);
}

/* A stage mask as a text[] value, stages in their declared order. */
static void put_stages(am_sink *s, unsigned stages, char end)
{
    const char *names[AM_N_STAGES];
    int n = 0;
    for (int k = 0; k < AM_N_STAGES; k++)
        if (stages & (1u << k))
            names[n++] = am_stage_name((am_stage)k);
    pg_copy_array(s, names, n);
    am_sink_put(s, &end, 1);
}

/* ---- staging rows from the instance ---- */

/* A record the instance could not resolve (an instance with data errors): AM_EINPUT. */
static am_status unresolved(const char *rec, am_error *err)
{
    return am_error_set(err, AM_EINPUT, rec, NULL,
                        "the instance has an unresolved reference; validate it before importing");
}

static void stage_provinces(const am_instance *inst, am_sink *s)
{
    for (int i = 0; i < am_instance_n_provinces(inst); i++) {
        const am_province *p = am_instance_province(inst, i);
        const char *partners[64]; /* a province has one or two partners */
        int n = 0;
        for (int k = 0; k < p->n_paired && n < 64; k++)
            partners[n++] = am_instance_province(inst, p->paired[k])->code;
        put_text(s, p->code, '\t');
        put_text(s, p->name, '\t');
        put_text(s, am_region_name(p->region), '\t');
        pg_copy_array(s, partners, n); /* ascending by code, as the frozen order */
        am_sink_puts(s, "\n");
    }
}

/* (parent, child id) rows of a relation. */
static void put_pair(am_sink *s, const char *a, const char *b)
{
    put_text(s, a, '\t');
    put_text(s, b, '\n');
}

static am_status stage_counties(const am_instance *inst, am_sink **s, am_error *err)
{
    for (int i = 0; i < am_instance_n_counties(inst); i++) {
        const am_county *c = am_instance_county(inst, i);
        if (c->province < 0) {
            char rec[64];
            return unresolved(am_instance_county_label(inst, i, rec, sizeof rec), err);
        }
        const char *prov = am_instance_province(inst, c->province)->code;
        digest h = dg_str(DIGEST_INIT, "county/1");
        h = dg_str(h, c->id);
        h = dg_str(h, c->name);
        h = dg_str(h, prov);
        h = dg_int(h, c->n_industries);
        for (int k = 0; k < c->n_industries; k++) {
            const char *f = am_instance_field_name(inst, c->industries[k].field);
            h = dg_str(h, f);
            h = dg_int(h, c->industries[k].weight);
            put_text(s[S_COUNTY_INDUSTRY], c->id, '\t');
            put_int(s[S_COUNTY_INDUSTRY], k, '\t');
            put_text(s[S_COUNTY_INDUSTRY], f, '\t');
            put_int(s[S_COUNTY_INDUSTRY], c->industries[k].weight, '\n');
        }
        h = dg_int(h, c->stages);
        h = dg_int(h, c->priority);
        h = dg_int(h, c->n_prefers);
        for (int k = 0; k < c->n_prefers; k++) {
            const char *e = am_instance_expert(inst, c->prefers[k])->id;
            h = dg_str(h, e);
            put_pair(s[S_COUNTY_PREFERS], c->id, e);
        }
        h = dg_int(h, c->n_recommended);
        for (int k = 0; k < c->n_recommended; k++) {
            const char *e = am_instance_expert(inst, c->recommended[k])->id;
            h = dg_str(h, e);
            put_pair(s[S_COUNTY_RECOMMENDED], c->id, e);
        }
        h = dg_int(h, c->n_blackout);
        for (int k = 0; k < c->n_blackout; k++) {
            h = dg_int(h, c->blackout[k].from);
            h = dg_int(h, c->blackout[k].to);
            put_text(s[S_COUNTY_BLACKOUT], c->id, '\t');
            put_int(s[S_COUNTY_BLACKOUT], k, '\t');
            put_date(s[S_COUNTY_BLACKOUT], c->blackout[k].from, '\t');
            put_date(s[S_COUNTY_BLACKOUT], c->blackout[k].to, '\n');
        }
        char hex[17];
        digest_hex(h, hex);
        am_sink *r = s[S_COUNTY];
        put_text(r, c->id, '\t');
        put_text(r, c->name, '\t');
        put_text(r, prov, '\t');
        put_stages(r, c->stages, '\t');
        put_int(r, c->priority, '\t');
        put_text(r, hex, '\n');
    }
    return AM_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* One expert's rows and digest; `names` has room for its fields. */
static void stage_expert(const am_instance *inst, const am_expert *e, const char **names,
                         am_sink **s)
{
    const char *prov = am_instance_province(inst, e->province)->code;
    const char *home = e->county >= 0 ? am_instance_county(inst, e->county)->id : NULL;
    const char *org = am_instance_org_name(inst, e->org);
    digest h = dg_str(DIGEST_INIT, "expert/1");
    h = dg_str(h, e->id);
    h = dg_str(h, e->name);
    h = dg_str(h, am_level_name(e->level));
    h = dg_str(h, org);
    h = dg_str(h, prov);
    h = dg_int(h, home != NULL);
    if (home)
        h = dg_str(h, home);
    /* fields are a set: by name, so that the interning order does not matter */
    for (int k = 0; k < e->n_fields; k++)
        names[k] = am_instance_field_name(inst, e->fields[k]);
    qsort(names, (size_t)e->n_fields, sizeof *names, cmp_str);
    h = dg_int(h, e->n_fields);
    for (int k = 0; k < e->n_fields; k++) {
        h = dg_str(h, names[k]);
        put_pair(s[S_EXPERT_FIELD], e->id, names[k]);
    }
    h = dg_int(h, e->stages);
    h = dg_int(h, e->capacity);
    h = dg_int(h, e->leader_capacity);
    h = dg_int(h, e->n_declines);
    for (int k = 0; k < e->n_declines; k++) {
        const char *c = am_instance_county(inst, e->declines[k])->id;
        h = dg_str(h, c);
        put_pair(s[S_EXPERT_DECLINE], e->id, c);
    }
    h = dg_int(h, e->n_prefers);
    for (int k = 0; k < e->n_prefers; k++) {
        const char *c = am_instance_county(inst, e->prefers[k])->id;
        h = dg_str(h, c);
        put_pair(s[S_EXPERT_PREFERS], e->id, c);
    }
    h = dg_int(h, e->active);
    h = dg_int(h, e->n_unavailable);
    for (int k = 0; k < e->n_unavailable; k++) {
        h = dg_int(h, e->unavailable[k].from);
        h = dg_int(h, e->unavailable[k].to);
        put_text(s[S_EXPERT_UNAVAILABLE], e->id, '\t');
        put_int(s[S_EXPERT_UNAVAILABLE], k, '\t');
        put_date(s[S_EXPERT_UNAVAILABLE], e->unavailable[k].from, '\t');
        put_date(s[S_EXPERT_UNAVAILABLE], e->unavailable[k].to, '\n');
    }
    char hex[17];
    digest_hex(h, hex);
    am_sink *r = s[S_EXPERT];
    put_text(r, e->id, '\t');
    put_text(r, e->name, '\t');
    put_text(r, am_level_name(e->level), '\t');
    put_text(r, org, '\t');
    put_text(r, prov, '\t');
    put_text(r, home, '\t');
    put_stages(r, e->stages, '\t');
    put_int(r, e->capacity, '\t');
    put_int(r, e->leader_capacity, '\t');
    put_text(r, e->active ? "t" : "f", '\t');
    put_text(r, hex, '\n');
}

static am_status stage_experts(const am_instance *inst, am_sink **s, am_error *err)
{
    int max_fields = 0;
    for (int i = 0; i < am_instance_n_experts(inst); i++)
        if (am_instance_expert(inst, i)->n_fields > max_fields)
            max_fields = am_instance_expert(inst, i)->n_fields;
    const char **names = malloc(sizeof *names * (size_t)(max_fields + 1));
    if (!names)
        return am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory staging the experts");
    am_status st = AM_OK;
    for (int i = 0; i < am_instance_n_experts(inst) && st == AM_OK; i++) {
        const am_expert *e = am_instance_expert(inst, i);
        char rec[64];
        if (e->province < 0)
            st = unresolved(am_instance_expert_label(inst, i, rec, sizeof rec), err);
        else
            stage_expert(inst, e, names, s);
    }
    free(names);
    return st;
}

/* Fixed meetings, one per county and day (the table's key): the first in the frozen order. */
static am_status stage_meetings(const am_instance *inst, am_sink *s, am_error *err)
{
    const am_fixed_meeting *prev = NULL;
    for (int i = 0; i < am_instance_n_meetings(inst); i++) {
        const am_fixed_meeting *m = am_instance_meeting(inst, i);
        if (m->county < 0) {
            char rec[64];
            return unresolved(am_instance_meeting_label(inst, i, rec, sizeof rec), err);
        }
        if (prev && prev->county == m->county && prev->date == m->date)
            continue;
        prev = m;
        put_text(s, am_instance_county(inst, m->county)->id, '\t');
        put_date(s, m->date, '\t');
        put_text(s, am_mode_name(m->mode), '\n');
    }
    return AM_OK;
}

/* Fill the staging sinks from the instance. */
am_status build_staging(const am_instance *inst, am_sink **s, am_error *err)
{
    am_status st;
    stage_provinces(inst, s[S_PROVINCE]);
    if ((st = stage_counties(inst, s, err)) != AM_OK)
        return st;
    if ((st = stage_experts(inst, s, err)) != AM_OK)
        return st;
    return stage_meetings(inst, s[S_MEETING], err);
}
