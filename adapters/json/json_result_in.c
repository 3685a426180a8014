/* adapters/json/json_result_in.c: reads an advmatch-result/1 document against an instance, so
 * that `advmatch check` can judge results from advmatch or from anywhere else. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "advmatch/am_json.h"
#include "json_reader.h"

static const char k_roles[] = "leader or member";
static const char k_channels[] = "local, paired, province or national";
static const char k_rules[] = "size, leader, local, pairing, industry or stage";
static const char k_outcomes[] = "optimal, feasible, time_limit or interrupted";

/* A whole number that fits a long long exactly (|x| <= 2^53), else reported. */
static long long read_ll(jr *r, const cJSON *obj, const char *key, const char *field, bool required)
{
    const cJSON *v = jr_get(obj, key, required);
    if (!v) {
        if (required)
            jr_error(r, field, "required key is missing");
        return 0;
    }
    if (!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) ||
        fabs(v->valuedouble) > 9007199254740992.0) {
        jr_error(r, field, "expected a whole number, found %s", jr_type_name(v));
        return 0;
    }
    return (long long)v->valuedouble;
}

/* bound or gap: a number or null (false). */
static bool read_opt_number(jr *r, const cJSON *root, const char *key, double *out)
{
    const cJSON *v = jr_get(root, key, false);
    *out = 0;
    if (!v)
        return false;
    if (!cJSON_IsNumber(v)) {
        jr_error(r, key, "expected a number or null, found %s", jr_type_name(v));
        return false;
    }
    *out = v->valuedouble;
    return true;
}

static const cJSON *array_member(jr *r, const cJSON *obj, const char *key)
{
    const cJSON *a = jr_get(obj, key, false);
    if (a && !cJSON_IsArray(a)) {
        jr_error(r, key, "expected an array, found %s", jr_type_name(a));
        return NULL;
    }
    return a;
}

static am_status read_members(jr *r, const cJSON *g, const am_instance *inst, am_result *res,
                              int county, am_error *err)
{
    static const char *const known[] = {"expert", "role", "channel", "score", NULL};
    int i = 0;
    const cJSON *a = array_member(r, g, "members");
    for (const cJSON *m = a ? a->child : NULL; m; m = m->next, i++) {
        char f[48], pre[40];
        snprintf(pre, sizeof pre, "members[%d]", i);
        if (!cJSON_IsObject(m)) {
            jr_error(r, pre, "expected an object, found %s", jr_type_name(m));
            continue;
        }
        snprintf(f, sizeof f, "%s.", pre);
        jr_keys(r, m, f, known);
        snprintf(f, sizeof f, "%s.expert", pre);
        const char *id = jr_string(r, m, "expert", f, true, NULL);
        int e = id ? am_instance_find_expert(inst, id) : -1;
        if (id && e < 0)
            jr_error(r, f, "unknown expert \"%s\"", id);
        snprintf(f, sizeof f, "%s.role", pre);
        int role = jr_name(r, m, "role", f, true, am_role_parse, k_roles, -1);
        snprintf(f, sizeof f, "%s.channel", pre);
        int channel = jr_name(r, m, "channel", f, true, am_channel_parse, k_channels, -1);
        snprintf(f, sizeof f, "%s.score", pre);
        long long score = read_ll(r, m, "score", f, true);
        if (e < 0 || role < 0 || channel < 0)
            continue;
        am_member mem = {.expert = e, .expert_id = id, .role = (am_role)role,
                         .channel = (am_channel)channel, .score = score};
        am_status st = am_result_add_member(res, county, &mem, err);
        if (st != AM_OK)
            return st;
    }
    return r->st;
}

static am_status read_shortfalls(jr *r, const cJSON *g, am_result *res, int county, am_error *err)
{
    static const char *const known[] = {"rule", "missing", "detail", NULL};
    int i = 0;
    const cJSON *a = array_member(r, g, "shortfalls");
    for (const cJSON *s = a ? a->child : NULL; s; s = s->next, i++) {
        char f[48], pre[40];
        snprintf(pre, sizeof pre, "shortfalls[%d]", i);
        if (!cJSON_IsObject(s)) {
            jr_error(r, pre, "expected an object, found %s", jr_type_name(s));
            continue;
        }
        snprintf(f, sizeof f, "%s.", pre);
        jr_keys(r, s, f, known);
        snprintf(f, sizeof f, "%s.rule", pre);
        int rule = jr_name(r, s, "rule", f, true, am_rule_parse, k_rules, -1);
        snprintf(f, sizeof f, "%s.missing", pre);
        int missing = jr_int(r, s, "missing", f, true, 0);
        if (missing <= 0 && rule >= 0) {
            jr_error(r, f, "must be a positive count, not %d", missing);
            continue;
        }
        snprintf(f, sizeof f, "%s.detail", pre);
        const char *detail = jr_string(r, s, "detail", f, false, "");
        if (rule < 0)
            continue;
        am_status st = am_result_add_shortfall(res, county, (am_rule)rule, missing, detail, err);
        if (st != AM_OK)
            return st;
    }
    return r->st;
}

static am_status read_groups(jr *r, const cJSON *root, const am_instance *inst, am_result *res,
                             am_error *err)
{
    static const char *const known[] = {"county", "members", "shortfalls", NULL};
    snprintf(r->rec, sizeof r->rec, "groups");
    const cJSON *a = jr_get(root, "groups", true);
    if (!a || !cJSON_IsArray(a)) {
        jr_error(r, NULL, "expected an array of groups, found %s", jr_type_name(a));
        return r->st;
    }
    int i = 0;
    for (const cJSON *g = a->child; g && r->st == AM_OK; g = g->next, i++) {
        jr_label(r, "groups", i, "county", g);
        if (!cJSON_IsObject(g)) {
            jr_error(r, NULL, "expected an object, found %s", jr_type_name(g));
            continue;
        }
        jr_keys(r, g, "", known);
        const char *id = jr_string(r, g, "county", "county", true, NULL);
        int c = id ? am_instance_find_county(inst, id) : -1;
        if (id && c < 0)
            jr_error(r, "county", "unknown county \"%s\"", id);
        /* A county listed again keeps its first group; the checker reports the repetition. */
        if (c < 0 || am_result_mark_listed(res, c) > 0)
            continue;
        am_status st = read_members(r, g, inst, res, c, err);
        if (st == AM_OK)
            st = read_shortfalls(r, g, res, c, err);
        if (st != AM_OK)
            return st;
    }
    return r->st;
}

static void read_stats(jr *r, const cJSON *root, am_result *res)
{
    static const char *const known[] = {"n_candidates", "n_rows", "n_cols", "n_binaries",
                                        "n_nonzeros", NULL};
    const cJSON *s = jr_get(root, "stats", false);
    snprintf(r->rec, sizeof r->rec, "stats");
    if (!s)
        return;
    if (!cJSON_IsObject(s)) {
        jr_error(r, NULL, "expected an object, found %s", jr_type_name(s));
        return;
    }
    jr_keys(r, s, "", known);
    am_result_stats st = {0};
    long long *dst[] = {&st.n_candidates, &st.n_rows, &st.n_cols, &st.n_binaries, &st.n_nonzeros};
    for (int i = 0; known[i]; i++)
        *dst[i] = read_ll(r, s, known[i], known[i], false);
    am_result_set_stats(res, &st);
}

am_status am_json_read_result(const char *data, size_t len, const am_instance *inst,
                              am_result **out, am_diags *d, am_error *err)
{
    *out = NULL;
    jr r = {.d = d, .scratch = am_arena_new()};
    am_result *res = NULL;
    am_status st = AM_OK;
    cJSON *root = r.scratch ? jr_parse(&r, data, len) : NULL;
    if (!r.scratch || r.st != AM_OK) {
        st = AM_ENOMEM;
        goto done;
    }
    if (root && !cJSON_IsObject(root))
        jr_error(&r, NULL, "expected a JSON object, found %s", jr_type_name(root));
    const char *fmt = cJSON_IsObject(root) ? jr_string(&r, root, "format", "format", true, NULL)
                                           : NULL;
    if (fmt && strcmp(fmt, AM_JSON_RESULT_FORMAT) != 0)
        jr_error(&r, "format", "this is \"%s\"; advmatch reads \"%s\" here", fmt,
                 AM_JSON_RESULT_FORMAT);
    if (!fmt || strcmp(fmt, AM_JSON_RESULT_FORMAT) != 0) {
        st = r.st != AM_OK ? r.st : am_diags_to_error(d, err);
        goto done;
    }
    static const char *const known[] = {"format", "status", "objective", "bound", "gap",
                                        "groups", "stats",  NULL};
    jr_keys(&r, root, "", known);
    AM_TRY(am_result_new(inst, &res, err));
    int outcome = jr_name(&r, root, "status", "status", true, am_outcome_parse, k_outcomes,
                          AM_OUTCOME_FEASIBLE);
    long long objective = read_ll(&r, root, "objective", "objective", true);
    double bound, gap;
    bool has_bound = read_opt_number(&r, root, "bound", &bound);
    bool has_gap = read_opt_number(&r, root, "gap", &gap);
    am_result_set_outcome(res, (am_outcome)outcome, objective, has_bound && has_gap, bound, gap);
    AM_TRY(read_groups(&r, root, inst, res, err));
    read_stats(&r, root, res);
    AM_TRY(r.st);
    am_result_finish(res);
    *out = res;
    res = NULL;
done:
    if (st == AM_ENOMEM)
        am_error_set(err, AM_ENOMEM, NULL, NULL, "out of memory reading the result");
    am_result_free(res);
    cJSON_Delete(root);
    am_arena_free(r.scratch);
    return st;
}
