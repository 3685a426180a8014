/* adapters/json/json_schedule_in.c: reads advmatch-schedule/1, either against its instance into
 * an am_schedule (for `check-schedule` and rescheduling) or alone into plain meeting records
 * (for exports such as iCalendar). */
#include <stdio.h>
#include <string.h>

#include "advmatch/am_json.h"
#include "json_instance.h"

static int half_parse(const char *s)
{
    return strcmp(s, "H1") == 0 ? 0 : strcmp(s, "H2") == 0 ? 1 : -1;
}

static const char *const meeting_keys[] = {"county", "county_name", "half",     "date",
                                           "mode",   "fixed",       "attending", "absent", NULL};

/* The root object of a schedule document, or NULL (reported). */
static const cJSON *schedule_root(jr *r, const cJSON *root)
{
    if (!root)
        return NULL;
    if (!cJSON_IsObject(root)) {
        jr_error(r, NULL, "expected a JSON object, found %s", jr_type_name(root));
        return NULL;
    }
    const char *fmt = jr_string(r, root, "format", "format", true, NULL);
    if (fmt && strcmp(fmt, AM_JSON_SCHEDULE_FORMAT) != 0)
        jr_error(r, "format", "this is \"%s\"; advmatch reads \"%s\" here", fmt,
                 AM_JSON_SCHEDULE_FORMAT);
    if (!fmt || strcmp(fmt, AM_JSON_SCHEDULE_FORMAT) != 0)
        return NULL;
    static const char *const known[] = {"format", "year",     "status",      "objective", "bound",
                                        "gap",    "meetings", "unscheduled", NULL};
    jr_keys(r, root, "", known);
    return root;
}

/* The common fields of meeting `it`; false when it is unusable (reported). */
static bool meeting_head(jr *r, const cJSON *it, int i, const char **county, int *half,
                         am_date *date, int *mode)
{
    jr_label(r, "meetings", i, "county", it);
    if (!cJSON_IsObject(it)) {
        jr_error(r, NULL, "expected an object, found %s", jr_type_name(it));
        return false;
    }
    jr_keys(r, it, "", meeting_keys);
    *county = jr_string(r, it, "county", "county", true, NULL);
    *half = jr_name(r, it, "half", "half", true, half_parse, "H1 or H2", -1);
    const cJSON *dv = jr_get(it, "date", true);
    bool ok = dv && json_read_date(r, dv, "date", date);
    if (!dv)
        jr_error(r, "date", "required key is missing");
    *mode = jr_name(r, it, "mode", "mode", true, am_mode_parse, "onsite or video", -1);
    return ok && *county && *half >= 0 && *mode >= 0;
}

/* Expert indexes of a list of ids (attending) or of {expert, reason} objects (absent). */
static int read_people(jr *r, const cJSON *it, const char *key, const am_instance *inst,
                       int **idx, const char ***reasons)
{
    const cJSON *a = jr_get(it, key, false);
    int size = cJSON_IsArray(a) ? cJSON_GetArraySize(a) : 0, n = 0, i = 0;
    if (a && !cJSON_IsArray(a))
        jr_error(r, key, "expected an array, found %s", jr_type_name(a));
    *idx = AM_ARENA_ARRAY(r->scratch, int, size + 1);
    *reasons = AM_ARENA_ARRAY(r->scratch, const char *, size + 1);
    if (!*idx || !*reasons) {
        r->st = AM_ENOMEM;
        return 0;
    }
    for (const cJSON *p = size ? a->child : NULL; p; p = p->next, i++) {
        char f[48];
        snprintf(f, sizeof f, "%s[%d]", key, i);
        const cJSON *idv = cJSON_IsObject(p) ? jr_get(p, "expert", true) : p;
        if (!cJSON_IsString(idv)) {
            jr_error(r, f, "expected an expert id, found %s", jr_type_name(idv));
            continue;
        }
        int e = am_instance_find_expert(inst, idv->valuestring);
        if (e < 0) {
            jr_error(r, f, "unknown expert \"%s\"", idv->valuestring);
            continue;
        }
        const cJSON *rv = cJSON_IsObject(p) ? jr_get(p, "reason", false) : NULL;
        (*reasons)[n] = cJSON_IsString(rv) ? rv->valuestring : "";
        (*idx)[n++] = e;
    }
    return n;
}

static am_status read_meetings(jr *r, const cJSON *root, const am_instance *inst, am_schedule *s,
                               am_error *err)
{
    const cJSON *a = jr_get(root, "meetings", true);
    int i = 0;
    for (const cJSON *it = cJSON_IsArray(a) ? a->child : NULL; it && r->st == AM_OK;
         it = it->next, i++) {
        const char *county;
        int half, mode;
        am_date date;
        if (!meeting_head(r, it, i, &county, &half, &date, &mode))
            continue;
        am_sched_meeting m = {.county = am_instance_find_county(inst, county), .half = half,
                              .date = date, .mode = (am_mode)mode,
                              .fixed = jr_bool(r, it, "fixed", "fixed", false)};
        if (m.county < 0) {
            jr_error(r, "county", "unknown county \"%s\"", county);
            continue;
        }
        int *att, *abs;
        const char **unused, **why;
        m.n_attending = read_people(r, it, "attending", inst, &att, &unused);
        m.n_absent = read_people(r, it, "absent", inst, &abs, &why);
        m.attending = att;
        m.absent = abs;
        m.absent_reason = why;
        am_status st = am_schedule_add_meeting(s, &m, err);
        if (st != AM_OK)
            return st;
    }
    if (!cJSON_IsArray(a)) {
        snprintf(r->rec, sizeof r->rec, "meetings");
        jr_error(r, NULL, "expected an array, found %s", jr_type_name(a));
    }
    return r->st;
}

static am_status read_unscheduled(jr *r, const cJSON *root, const am_instance *inst,
                                  am_schedule *s, am_error *err)
{
    static const char *const known[] = {"county", "half", "missing", "reason", NULL};
    const cJSON *a = jr_get(root, "unscheduled", false);
    int i = 0;
    for (const cJSON *it = cJSON_IsArray(a) ? a->child : NULL; it && r->st == AM_OK;
         it = it->next, i++) {
        jr_label(r, "unscheduled", i, "county", it);
        if (!cJSON_IsObject(it)) {
            jr_error(r, NULL, "expected an object, found %s", jr_type_name(it));
            continue;
        }
        jr_keys(r, it, "", known);
        const char *county = jr_string(r, it, "county", "county", true, NULL);
        int half = jr_name(r, it, "half", "half", true, half_parse, "H1 or H2", -1);
        int missing = jr_int(r, it, "missing", "missing", false, 1);
        const char *reason = jr_string(r, it, "reason", "reason", false, "");
        int c = county ? am_instance_find_county(inst, county) : -1;
        if (county && c < 0)
            jr_error(r, "county", "unknown county \"%s\"", county);
        if (c < 0 || half < 0)
            continue;
        am_status st = am_schedule_add_unscheduled(s, c, half, missing, reason, err);
        if (st != AM_OK)
            return st;
    }
    return r->st;
}

am_status am_json_read_schedule(const char *data, size_t len, const am_instance *inst,
                                am_schedule **out, am_diags *d, am_error *err)
{
    *out = NULL;
    jr r = {.d = d, .scratch = am_arena_new()};
    am_schedule *s = NULL;
    am_status st = AM_OK;
    cJSON *root = r.scratch ? jr_parse(&r, data, len) : NULL;
    if (!r.scratch || r.st != AM_OK) {
        st = AM_ENOMEM;
        goto done;
    }
    if (!schedule_root(&r, root)) {
        st = r.st != AM_OK ? r.st : am_diags_to_error(d, err);
        goto done;
    }
    AM_TRY(am_schedule_new(inst, &s, err));
    static const char k_outcomes[] = "optimal, feasible, time_limit or interrupted";
    int outcome = jr_name(&r, root, "status", "status", true, am_outcome_parse, k_outcomes,
                          AM_OUTCOME_FEASIBLE);
    const cJSON *ov = jr_get(root, "objective", true);
    long long objective = cJSON_IsNumber(ov) ? (long long)ov->valuedouble : 0;
    if (!cJSON_IsNumber(ov))
        jr_error(&r, "objective", "expected a whole number, found %s", jr_type_name(ov));
    const cJSON *bv = jr_get(root, "bound", false), *gv = jr_get(root, "gap", false);
    am_schedule_set_outcome(s, (am_outcome)outcome, objective,
                            cJSON_IsNumber(bv) && cJSON_IsNumber(gv),
                            cJSON_IsNumber(bv) ? bv->valuedouble : 0,
                            cJSON_IsNumber(gv) ? gv->valuedouble : 0);
    AM_TRY(read_meetings(&r, root, inst, s, err));
    AM_TRY(read_unscheduled(&r, root, inst, s, err));
    am_schedule_finish(s);
    *out = s;
    s = NULL;
done:
    if (st == AM_ENOMEM)
        am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory reading the schedule");
    am_schedule_free(s);
    cJSON_Delete(root);
    am_arena_free(r.scratch);
    return st;
}

/* A copy of a tree string in `a` (the tree is freed before the caller reads the records). */
static const char *keep(jr *r, am_arena *a, const char *s)
{
    const char *c = am_arena_strdup(a, s ? s : "");
    if (!c)
        r->st = AM_ENOMEM;
    return c;
}

static const char *const *keep_people(jr *r, am_arena *a, const cJSON *it, const char *key, int *n)
{
    const cJSON *arr = jr_get(it, key, false);
    int size = cJSON_IsArray(arr) ? cJSON_GetArraySize(arr) : 0;
    const char **v = AM_ARENA_ARRAY(a, const char *, size + 1);
    *n = 0;
    if (!v) {
        r->st = AM_ENOMEM;
        return NULL;
    }
    for (const cJSON *p = size ? arr->child : NULL; p; p = p->next) {
        const cJSON *idv = cJSON_IsObject(p) ? jr_get(p, "expert", true) : p;
        const cJSON *rv = cJSON_IsObject(p) ? jr_get(p, "reason", false) : NULL;
        if (!cJSON_IsString(idv))
            continue;
        char buf[320];
        if (cJSON_IsString(rv) && rv->valuestring[0])
            snprintf(buf, sizeof buf, "%s (%s)", idv->valuestring, rv->valuestring);
        else
            snprintf(buf, sizeof buf, "%s", idv->valuestring);
        v[(*n)++] = keep(r, a, buf);
    }
    return v;
}

am_status am_json_read_schedule_meetings(const char *data, size_t len, am_arena *a,
                                         am_json_meeting **out, int *n, am_diags *d,
                                         am_error *err)
{
    *out = NULL;
    *n = 0;
    jr r = {.d = d, .scratch = a};
    cJSON *root = jr_parse(&r, data, len);
    am_status st = r.st;
    if (st == AM_OK && !schedule_root(&r, root))
        st = r.st != AM_OK ? r.st : am_diags_to_error(d, err);
    const cJSON *arr = st == AM_OK ? jr_get(root, "meetings", true) : NULL;
    int size = cJSON_IsArray(arr) ? cJSON_GetArraySize(arr) : 0, i = 0;
    am_json_meeting *v = st == AM_OK ? AM_ARENA_ARRAY(a, am_json_meeting, size + 1) : NULL;
    if (st == AM_OK && !v)
        st = AM_ENOMEM;
    for (const cJSON *it = st == AM_OK && size ? arr->child : NULL; it && r.st == AM_OK;
         it = it->next, i++) {
        const char *county;
        int half, mode;
        am_date date;
        if (!meeting_head(&r, it, i, &county, &half, &date, &mode))
            continue;
        am_json_meeting *m = &v[*n];
        *m = (am_json_meeting){.county = keep(&r, a, county),
                               .county_name = keep(&r, a, jr_string(&r, it, "county_name",
                                                                    "county_name", false, "")),
                               .half = half, .date = date, .mode = am_mode_name((am_mode)mode)};
        for (int k = 0; k < *n; k++)
            m->seq += strcmp(v[k].county, m->county) == 0 && v[k].half == half;
        m->attending = keep_people(&r, a, it, "attending", &m->n_attending);
        m->absent = keep_people(&r, a, it, "absent", &m->n_absent);
        ++*n;
    }
    if (st == AM_OK)
        st = r.st;
    if (st == AM_ENOMEM)
        am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory reading the schedule");
    if (st == AM_OK && am_diags_n_errors(d) > 0)
        st = am_diags_to_error(d, err);
    cJSON_Delete(root);
    *out = st == AM_OK ? v : NULL;
    if (st != AM_OK)
        *n = 0;
    return st;
}
