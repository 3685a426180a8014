/* adapters/json/json_instance_in.c: reads an advmatch-instance/1 document into a frozen
 * instance, reporting every wrong, missing or unknown value with its record and field. */
#include <stdio.h>
#include <string.h>

#include "advmatch/am_json.h"
#include "json_instance.h"

static const char k_regions[] = "east, central, west or northeast";
static const char k_levels[] = "national, provincial or local";
static const char k_stages[] =
    "production, processing, preservation, storage_transport or branding";

/* The array root[key]: NULL when absent (reported if required) or not an array (reported). */
static const cJSON *records(jr *r, const cJSON *root, const char *key, bool required)
{
    const cJSON *a = jr_get(root, key, required);
    snprintf(r->rec, sizeof r->rec, "%s", key);
    if (!a) {
        if (required)
            jr_error(r, NULL, "required array is missing");
        return NULL;
    }
    if (!cJSON_IsArray(a)) {
        jr_error(r, NULL, "expected an array, found %s", jr_type_name(a));
        return NULL;
    }
    return a;
}

/* Label the record and check it is an object; a non-object is reported and read as {}. */
static const cJSON *begin_record(jr *r, const char *array, int i, const char *idkey,
                                 const cJSON *it, const char *const *known)
{
    jr_label(r, array, i, idkey, it);
    if (!cJSON_IsObject(it)) {
        jr_error(r, NULL, "expected an object, found %s", jr_type_name(it));
        return NULL;
    }
    jr_keys(r, it, "", known);
    return it;
}

static am_status read_provinces(jr *r, const cJSON *root, am_instance *inst, am_error *err)
{
    static const char *const known[] = {"code", "name", "region", "paired_with", NULL};
    const cJSON *a = records(r, root, "provinces", true);
    int i = 0;
    for (const cJSON *it = a ? a->child : NULL; it && r->st == AM_OK; it = it->next, i++) {
        const cJSON *o = begin_record(r, "provinces", i, "code", it, known);
        am_province_rec rec = {0};
        rec.code = jr_string(r, o, "code", "code", true, "");
        rec.name = jr_string(r, o, "name", "name", true, "");
        rec.region = (am_region)jr_name(r, o, "region", "region", true, am_region_parse, k_regions,
                                        AM_REGION_WEST);
        const cJSON *pw = jr_get(o, "paired_with", false);
        const char *one[1];
        if (cJSON_IsString(pw)) {
            one[0] = pw->valuestring;
            rec.paired_with = one;
            rec.n_paired_with = 1;
        } else if (pw) {
            if (cJSON_IsArray(pw))
                rec.paired_with = jr_strings(r, o, "paired_with", "paired_with", &rec.n_paired_with);
            else
                jr_error(r, "paired_with", "expected a province code, an array of codes or null, "
                                           "found %s", jr_type_name(pw));
        }
        am_status st = am_instance_add_province(inst, &rec, err);
        if (st != AM_OK)
            return st;
    }
    return r->st;
}

static void read_industries(jr *r, const cJSON *o, am_county_rec *rec)
{
    const cJSON *a = jr_get(o, "industries", true);
    if (!a) {
        jr_error(r, "industries", "required key is missing");
        return;
    }
    if (!cJSON_IsArray(a)) {
        jr_error(r, "industries", "expected an array, found %s", jr_type_name(a));
        return;
    }
    int n = cJSON_GetArraySize(a);
    am_industry_rec *ind = AM_ARENA_ARRAY(r->scratch, am_industry_rec, n > 0 ? n : 1);
    if (!ind) {
        r->st = AM_ENOMEM;
        return;
    }
    static const char *const known[] = {"field", "weight", NULL};
    int i = 0;
    for (const cJSON *it = a->child; it; it = it->next, i++) {
        char f[48], prefix[40];
        snprintf(prefix, sizeof prefix, "industries[%d]", i);
        if (!cJSON_IsObject(it)) {
            jr_error(r, prefix, "expected an object {\"field\", \"weight\"}, found %s",
                     jr_type_name(it));
            continue;
        }
        snprintf(f, sizeof f, "%s.", prefix);
        jr_keys(r, it, f, known);
        snprintf(f, sizeof f, "%s.field", prefix);
        const char *field = jr_string(r, it, "field", f, true, NULL);
        snprintf(f, sizeof f, "%s.weight", prefix);
        int weight = jr_int(r, it, "weight", f, false, 1);
        if (field)
            ind[rec->n_industries++] = (am_industry_rec){field, weight};
    }
    rec->industries = ind;
}

static am_status read_counties(jr *r, const cJSON *root, am_instance *inst, am_error *err)
{
    static const char *const known[] = {"id",       "name",    "province",    "industries",
                                        "stages",   "priority", "prefers",    "recommended",
                                        "blackout", NULL};
    const cJSON *a = records(r, root, "counties", true);
    int i = 0;
    for (const cJSON *it = a ? a->child : NULL; it && r->st == AM_OK; it = it->next, i++) {
        const cJSON *o = begin_record(r, "counties", i, "id", it, known);
        am_county_rec rec = {0};
        rec.id = jr_string(r, o, "id", "id", true, "");
        rec.name = jr_string(r, o, "name", "name", true, "");
        rec.province = jr_string(r, o, "province", "province", true, "");
        if (o)
            read_industries(r, o, &rec);
        rec.stages = jr_name_set(r, o, "stages", "stages", am_stage_parse, k_stages);
        rec.priority = jr_int(r, o, "priority", "priority", false, 1);
        rec.prefers = jr_strings(r, o, "prefers", "prefers", &rec.n_prefers);
        rec.recommended = jr_strings(r, o, "recommended", "recommended", &rec.n_recommended);
        rec.blackout = json_read_ranges(r, o, "blackout", &rec.n_blackout);
        am_status st = am_instance_add_county(inst, &rec, err);
        if (st != AM_OK)
            return st;
    }
    return r->st;
}

static am_status read_experts(jr *r, const cJSON *root, am_instance *inst, am_error *err)
{
    static const char *const known[] = {"id",     "name",     "level",    "org",
                                        "province", "county", "fields",   "stages",
                                        "capacity", "leader_capacity", "declines", "prefers",
                                        "active", "unavailable", NULL};
    const cJSON *a = records(r, root, "experts", true);
    int i = 0;
    for (const cJSON *it = a ? a->child : NULL; it && r->st == AM_OK; it = it->next, i++) {
        const cJSON *o = begin_record(r, "experts", i, "id", it, known);
        am_expert_rec rec = {0};
        rec.id = jr_string(r, o, "id", "id", true, "");
        rec.name = jr_string(r, o, "name", "name", true, "");
        rec.level = (am_level)jr_name(r, o, "level", "level", true, am_level_parse, k_levels,
                                      AM_LEVEL_PROVINCIAL);
        rec.org = jr_string(r, o, "org", "org", true, "");
        rec.province = jr_string(r, o, "province", "province", true, "");
        rec.county = jr_string(r, o, "county", "county", false, NULL);
        rec.fields = jr_strings(r, o, "fields", "fields", &rec.n_fields);
        rec.stages = jr_name_set(r, o, "stages", "stages", am_stage_parse, k_stages);
        rec.capacity = jr_int(r, o, "capacity", "capacity", false, 1);
        rec.leader_capacity = jr_int(r, o, "leader_capacity", "leader_capacity", false, 1);
        rec.declines = jr_strings(r, o, "declines", "declines", &rec.n_declines);
        rec.prefers = jr_strings(r, o, "prefers", "prefers", &rec.n_prefers);
        rec.active = jr_bool(r, o, "active", "active", true);
        rec.unavailable = json_read_ranges(r, o, "unavailable", &rec.n_unavailable);
        am_status st = am_instance_add_expert(inst, &rec, err);
        if (st != AM_OK)
            return st;
    }
    return r->st;
}

/* The part of a label before the id ("experts[17]"), for matching reader and freeze reports. */
static size_t label_head(const char *rec)
{
    const char *sp = strchr(rec, ' ');
    return sp ? (size_t)(sp - rec) : strlen(rec);
}

/* Copy the findings of freeze into `d`, leaving out those about a record field that the reader
 * already reported (an unknown province "" after "required key is missing"). */
static am_status merge_freeze(am_diags *d, int n_reader, const am_diags *fd)
{
    for (int i = 0; i < am_diags_count(fd); i++) {
        const am_diag *f = am_diags_get(fd, i);
        bool seen = false;
        for (int j = 0; j < n_reader && !seen; j++) {
            const am_diag *e = am_diags_get(d, j);
            size_t h = label_head(e->record);
            seen = e->level == AM_DIAG_ERROR && h == label_head(f->record) &&
                   strncmp(e->record, f->record, h) == 0 &&
                   (e->field[0] == '\0' || strcmp(e->field, f->field) == 0);
        }
        if (!seen && am_diags_add(d, f->level, f->record, f->field, "%s", f->message) != AM_OK)
            return AM_ENOMEM;
    }
    return AM_OK;
}

/* Check the root object and its format; false (reported) when nothing can be read. */
static bool check_root(jr *r, const cJSON *root)
{
    r->rec[0] = '\0';
    if (!cJSON_IsObject(root)) {
        jr_error(r, NULL, "expected a JSON object with \"format\": \"%s\", found %s",
                 AM_JSON_INSTANCE_FORMAT, jr_type_name(root));
        return false;
    }
    const char *fmt = jr_string(r, root, "format", "format", true, NULL);
    if (!fmt)
        return false;
    if (strcmp(fmt, AM_JSON_INSTANCE_FORMAT) != 0) {
        jr_error(r, "format", "this is \"%s\"; advmatch reads \"%s\" here", fmt,
                 AM_JSON_INSTANCE_FORMAT);
        return false;
    }
    static const char *const known[] = {"format",   "policy",   "provinces", "counties", "experts",
                                        "calendar", "meetings", "current",   NULL};
    jr_keys(r, root, "", known);
    return true;
}

am_status am_json_read_instance(const char *data, size_t len, am_instance **out, am_diags *d,
                                am_error *err)
{
    *out = NULL;
    jr r = {.d = d, .scratch = am_arena_new()};
    am_instance *inst = NULL;
    am_diags *fd = NULL;
    cJSON *root = NULL;
    am_status st = AM_OK;
    if (!r.scratch)
        goto nomem;
    root = jr_parse(&r, data, len);
    if (r.st != AM_OK)
        goto nomem;
    if (!root || !check_root(&r, root)) {
        st = r.st != AM_OK ? r.st : am_diags_to_error(d, err);
        goto done;
    }
    st = am_instance_new(&inst, err);
    if (st != AM_OK)
        goto done;
    am_policy pol;
    json_read_policy(&r, root, &pol);
    am_instance_set_policy(inst, &pol);
    AM_TRY(read_provinces(&r, root, inst, err));
    AM_TRY(read_counties(&r, root, inst, err));
    AM_TRY(read_experts(&r, root, inst, err));
    AM_TRY(json_read_scheduling(&r, root, inst, err));
    AM_TRY(json_read_current(&r, root, inst, err));
    fd = am_diags_new();
    if (!fd)
        goto nomem;
    AM_TRY(am_instance_freeze(inst, fd, err));
    AM_TRY(merge_freeze(d, am_diags_count(d), fd));
    *out = inst;
    inst = NULL;
done:
    if (st == AM_ENOMEM)
        am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory reading the instance");
    am_diags_free(fd);
    am_instance_free(inst);
    cJSON_Delete(root);
    am_arena_free(r.scratch);
    return st;
nomem:
    st = AM_ENOMEM;
    goto done;
}
