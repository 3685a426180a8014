/* adapters/json/json_calendar_in.c: reads the scheduling parts of an instance: `calendar`, the
 * date ranges `experts[].unavailable` and `counties[].blackout`, and the fixed `meetings[]`. */
#include <stdio.h>
#include <string.h>

#include "json_instance.h"

static const char *const half_keys[AM_N_HALVES] = {"H1", "H2"};

bool json_read_date(jr *r, const cJSON *v, const char *field, am_date *out)
{
    if (!cJSON_IsString(v)) {
        jr_error(r, field, "expected a date \"YYYY-MM-DD\", found %s", jr_type_name(v));
        return false;
    }
    if (!am_date_parse(v->valuestring, out)) {
        jr_error(r, field, "\"%s\" is not a date (expected YYYY-MM-DD, e.g. 2026-03-02)",
                 v->valuestring);
        return false;
    }
    return true;
}

/* {from, to} into *out; false (reported) if either is missing or not a date. */
static bool read_range(jr *r, const cJSON *o, const char *field, am_range *out)
{
    static const char *const known[] = {"from", "to", NULL};
    char f[48];
    if (!cJSON_IsObject(o)) {
        jr_error(r, field, "expected {\"from\": date, \"to\": date}, found %s", jr_type_name(o));
        return false;
    }
    snprintf(f, sizeof f, "%s.", field);
    jr_keys(r, o, f, known);
    bool ok = true;
    for (int k = 0; k < 2; k++) {
        snprintf(f, sizeof f, "%s.%s", field, known[k]);
        const cJSON *v = jr_get(o, known[k], true);
        if (!v) {
            jr_error(r, f, "required key is missing");
            ok = false;
        } else {
            ok &= json_read_date(r, v, f, k == 0 ? &out->from : &out->to);
        }
    }
    return ok;
}

typedef bool (*item_fn)(jr *r, const cJSON *it, const char *field, void *slot);

/* The elements of the array `a` (obj[key], present), each read by `fn` into the next slot of
 * `elem` bytes in scratch memory; elements `fn` reported are left out. */
static void *read_items(jr *r, const cJSON *a, const char *key, const char *what, size_t elem,
                        size_t align, item_fn fn, int *n)
{
    *n = 0;
    if (!cJSON_IsArray(a)) {
        jr_error(r, key, "expected an array of %s, found %s", what, jr_type_name(a));
        return NULL;
    }
    int size = cJSON_GetArraySize(a), i = 0;
    char *out = am_arena_array(r->scratch, (size_t)(size > 0 ? size : 1), elem, align);
    if (!out) {
        r->st = AM_ENOMEM;
        return NULL;
    }
    for (const cJSON *it = a->child; it; it = it->next, i++) {
        char f[48];
        snprintf(f, sizeof f, "%s[%d]", key, i);
        if (fn(r, it, f, out + elem * (size_t)*n))
            ++*n;
    }
    return out;
}

static bool range_item(jr *r, const cJSON *it, const char *field, void *slot)
{
    return read_range(r, it, field, slot);
}

static bool date_item(jr *r, const cJSON *it, const char *field, void *slot)
{
    return json_read_date(r, it, field, slot);
}

const am_range *json_read_ranges(jr *r, const cJSON *obj, const char *key, int *n)
{
    *n = 0;
    const cJSON *a = jr_get(obj, key, false);
    return a ? read_items(r, a, key, "{\"from\", \"to\"}", sizeof(am_range), _Alignof(am_range),
                          range_item, n)
             : NULL;
}

/* An optional list of dates; *n = -1 when the key is absent. */
static const am_date *read_dates(jr *r, const cJSON *obj, const char *key, int *n)
{
    *n = -1;
    const cJSON *a = jr_get(obj, key, false);
    return a ? read_items(r, a, key, "dates", sizeof(am_date), _Alignof(am_date), date_item, n)
             : NULL;
}

static void read_halves(jr *r, const cJSON *cal, am_calendar_rec *rec)
{
    const cJSON *h = jr_get(cal, "halves", false);
    if (!h)
        return;
    if (!cJSON_IsObject(h)) {
        jr_error(r, "halves", "expected {\"H1\": {from, to}, \"H2\": {from, to}}, found %s",
                 jr_type_name(h));
        return;
    }
    static const char *const known[] = {"H1", "H2", NULL};
    jr_keys(r, h, "halves.", known);
    for (int k = 0; k < AM_N_HALVES; k++) {
        const cJSON *w = jr_get(h, half_keys[k], false);
        char f[48];
        snprintf(f, sizeof f, "halves.%s", half_keys[k]);
        am_range range;
        if (w && read_range(r, w, f, &range))
            rec->halves[k] = range;
    }
}

static am_status read_calendar(jr *r, const cJSON *root, am_instance *inst, am_error *err)
{
    const cJSON *cal = jr_get(root, "calendar", false);
    if (!cal)
        return AM_OK;
    snprintf(r->rec, sizeof r->rec, "calendar");
    if (!cJSON_IsObject(cal)) {
        jr_error(r, NULL, "expected an object, found %s", jr_type_name(cal));
        return r->st;
    }
    static const char *const known[] = {"year", "holidays", "workdays", "halves",
                                        "meetings_per_half", "max_meetings_per_province_per_day",
                                        "min_attendance", "plan_early_summary_late", NULL};
    jr_keys(r, cal, "", known);
    am_calendar_rec rec;
    am_calendar_rec_init(&rec);
    rec.year = jr_int(r, cal, "year", "year", true, 0);
    rec.holidays = read_dates(r, cal, "holidays", &rec.n_holidays);
    rec.workdays = read_dates(r, cal, "workdays", &rec.n_workdays);
    read_halves(r, cal, &rec);
    rec.meetings_per_half = jr_int(r, cal, "meetings_per_half", "meetings_per_half", false, 1);
    rec.max_per_province_per_day = jr_int(r, cal, "max_meetings_per_province_per_day",
                                          "max_meetings_per_province_per_day", false, 3);
    const cJSON *ma = jr_get(cal, "min_attendance", false);
    if (ma && !cJSON_IsNumber(ma))
        jr_error(r, "min_attendance", "expected a number between 0 and 1, found %s",
                 jr_type_name(ma));
    else if (ma)
        rec.min_attendance = ma->valuedouble;
    rec.plan_early_summary_late =
        jr_bool(r, cal, "plan_early_summary_late", "plan_early_summary_late", true);
    if (r->st != AM_OK)
        return r->st;
    return am_instance_set_calendar(inst, &rec, err);
}

am_status json_read_scheduling(jr *r, const cJSON *root, am_instance *inst, am_error *err)
{
    am_status st = read_calendar(r, root, inst, err);
    if (st != AM_OK)
        return st;
    const cJSON *a = jr_get(root, "meetings", false);
    snprintf(r->rec, sizeof r->rec, "meetings");
    if (a && !cJSON_IsArray(a)) {
        jr_error(r, NULL, "expected an array, found %s", jr_type_name(a));
        return r->st;
    }
    static const char *const known[] = {"county", "date", "mode", "fixed", NULL};
    int i = 0;
    for (const cJSON *it = a ? a->child : NULL; it && r->st == AM_OK; it = it->next, i++) {
        jr_label(r, "meetings", i, "date", it);
        if (!cJSON_IsObject(it)) {
            jr_error(r, NULL, "expected an object, found %s", jr_type_name(it));
            continue;
        }
        jr_keys(r, it, "", known);
        am_meeting_rec m = {.county = jr_string(r, it, "county", "county", true, "")};
        const cJSON *dv = jr_get(it, "date", true);
        bool ok = dv ? json_read_date(r, dv, "date", &m.date) : false;
        if (!dv)
            jr_error(r, "date", "required key is missing");
        m.mode = (am_mode)jr_name(r, it, "mode", "mode", true, am_mode_parse, "onsite or video",
                                  AM_MODE_ONSITE);
        if (!jr_bool(r, it, "fixed", "fixed", true)) {
            jr_warn(r, "fixed", "only fixed meetings are read; this one is ignored");
            continue;
        }
        if (ok && (st = am_instance_add_meeting(inst, &m, err)) != AM_OK)
            return st;
    }
    return r->st;
}
