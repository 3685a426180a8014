/* tests/unit/test_fast_exact.c: the fast path (column generation over a restricted set of pairs,
 * models/match_cg.c) and --exact (the full model) prove the same optimum on 60 seeded generated
 * instances, from ample to scarce expert pools, national and single-province, and on 18 nightly
 * repairs of their groups; both results pass the independent checker (am_match runs it) and
 * report bound == objective. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_gen.h"
#include "advmatch/am_io.h"
#include "advmatch/am_json.h"
#include "advmatch/am_match.h"
#include "advmatch/am_validate.h"
#include "am_test.h"

static am_result *solve(const am_instance *inst, bool exact, unsigned seed)
{
    am_match_params p;
    am_match_params_init(&p);
    p.exact = exact;
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_msg(am_match(inst, &p, &res, &err) == AM_OK, "seed %u (%s): %s", seed,
                  exact ? "exact" : "fast", err.message);
    ck_assert_msg(am_result_outcome(res) == AM_OUTCOME_OPTIMAL, "seed %u (%s): not optimal", seed,
                  exact ? "exact" : "fast");
    ck_assert_msg(am_result_bound(res) == (double)am_result_objective(res),
                  "seed %u (%s): bound %.1f, objective %lld", seed, exact ? "exact" : "fast",
                  am_result_bound(res), am_result_objective(res));
    return res;
}

static void compare(unsigned seed, int n_counties, int n_experts, const char *province)
{
    am_gen_params gp;
    am_gen_params_init(&gp);
    gp.n_counties = n_counties;
    gp.n_experts = n_experts;
    gp.seed = seed;
    gp.province = province;
    am_instance *inst = NULL;
    am_error err = {0};
    ck_assert_msg(am_gen_instance(&gp, &inst, &err) == AM_OK, "seed %u: %s", seed, err.message);
    am_result *fast = solve(inst, false, seed), *exact = solve(inst, true, seed);
    ck_assert_msg(am_result_objective(fast) == am_result_objective(exact),
                  "seed %u (%d counties, %d experts%s%s): fast %lld, exact %lld", seed,
                  n_counties, n_experts, province ? ", province " : "", province ? province : "",
                  am_result_objective(fast), am_result_objective(exact));
    /* the fast path really worked on a restricted model (tiny instances may need every pair) */
    long long cols_fast = am_result_stats_get(fast)->n_cols;
    long long cols_exact = am_result_stats_get(exact)->n_cols;
    ck_assert_msg(cols_fast < cols_exact || (n_counties < 10 && cols_fast == cols_exact),
                  "seed %u: the fast path's model has %lld columns, the full one %lld", seed,
                  cols_fast, cols_exact);
    if (getenv("AMT_VERBOSE"))
        fprintf(stderr, "seed %u: %d x %d: objective %lld, cols fast %lld exact %lld\n", seed,
                n_counties, n_experts, am_result_objective(fast), cols_fast, cols_exact);
    am_result_free(fast);
    am_result_free(exact);
    am_instance_free(inst);
}

/* 40 national instances: 6 to 40 counties, 8 to 30 experts per county (scarce pools make the
 * best experts contested, which is what the pricing has to get right). */
START_TEST(fast_and_exact_agree_on_national_instances)
{
    int n_counties = 6 + (_i * 7) % 35;
    int per_county = 8 + (_i * 5) % 23;
    compare((unsigned)(_i + 1000), n_counties, n_counties * per_county, NULL);
}
END_TEST

/* 20 single-province instances (a coordinator's preview): fewer local and paired experts. */
START_TEST(fast_and_exact_agree_on_province_previews)
{
    static const char *const provinces[] = {"52", "53", "62", "45", "51"};
    int n_counties = 5 + (_i * 3) % 9;
    compare((unsigned)(_i + 2000), n_counties, n_counties * (10 + _i % 15), provinces[_i % 5]);
}
END_TEST

/* A growing string. */
typedef struct text {
    char *s;
    size_t n;
} text;

static void put(text *t, const char *p, size_t n)
{
    t->s = realloc(t->s, t->n + n + 1);
    ck_assert_ptr_nonnull(t->s);
    memcpy(t->s + t->n, p, n);
    t->n += n;
    t->s[t->n] = '\0';
}

/* The nightly repair of `groups`: every 7th expert (from `first`) withdraws ("active": false);
 * `current` lists every membership of `groups`, locked unless its expert withdrew, or (with
 * lock_none) none locked, so that only the change penalty keeps the groups together. */
static am_instance *repair_of(const am_instance *inst, const am_result *groups, int first,
                              bool lock_none)
{
    am_sink *sk = am_sink_new();
    am_json_write_instance(inst, sk);
    size_t len;
    const char *src = am_sink_data(sk, &len);
    int ne = am_instance_n_experts(inst);
    bool *gone = calloc((size_t)ne, sizeof *gone);
    text t = {0};
    const char *p = src;
    for (int e = first % 7; e < ne; e += 7) {
        gone[e] = true;
        char key[64];
        snprintf(key, sizeof key, "\"id\": \"%s\"", am_instance_expert(inst, e)->id);
        const char *at = strstr(p, key);
        ck_assert_ptr_nonnull(at);
        const char *act = strstr(at, "\"active\": "); /* this expert's flag, true or false */
        ck_assert_ptr_nonnull(act);
        put(&t, p, (size_t)(act - p));
        put(&t, "\"active\": false", 15);
        p = act + (strncmp(act + 10, "true", 4) == 0 ? 14 : 15);
    }
    const char *end = strrchr(p, '}');
    put(&t, p, (size_t)(end - p));
    put(&t, ",\n  \"current\": [", 16);
    bool comma = false;
    for (int c = 0; c < am_result_n_groups(groups); c++) {
        const am_group *g = am_result_group(groups, c);
        for (int i = 0; i < g->n_members; i++) {
            char line[256];
            int n = snprintf(line, sizeof line,
                             "%s\n    {\"county\": \"%s\", \"expert\": \"%s\", \"role\": \"%s\", "
                             "\"locked\": %s}",
                             comma ? "," : "", am_instance_county(inst, c)->id,
                             g->members[i].expert_id, am_role_name(g->members[i].role),
                             !lock_none && !gone[g->members[i].expert] ? "true" : "false");
            put(&t, line, (size_t)n);
            comma = true;
        }
    }
    put(&t, "\n  ]\n}\n", 7);
    am_instance *out = NULL;
    am_error err = {0};
    am_diags *d = am_diags_new();
    ck_assert_int_eq(am_json_read_instance(t.s, t.n, &out, d, &err), AM_OK);
    ck_assert_int_eq(am_validate(out, d, &err), AM_OK);
    char *why = amt_diags_text(d);
    ck_assert_msg(am_diags_n_errors(d) == 0, "the repair instance is invalid:\n%s", why);
    free(why);
    am_diags_free(d);
    free(t.s);
    free(gone);
    am_sink_free(sk);
    return out;
}

/* 12 nightly repairs (a seventh of the experts withdrawn, every other membership locked) and 6
 * with nothing locked: the fast path and --exact agree, and both keep every lock (am_match runs
 * the checker, which flags a lost lock). */
START_TEST(fast_and_exact_agree_on_repairs)
{
    unsigned seed = (unsigned)(_i + 3000);
    int n_counties = 6 + (_i * 5) % 15;
    am_gen_params gp;
    am_gen_params_init(&gp);
    gp.n_counties = n_counties;
    gp.n_experts = n_counties * (12 + _i % 10);
    gp.seed = seed;
    am_instance *inst = NULL;
    am_error err = {0};
    ck_assert_msg(am_gen_instance(&gp, &inst, &err) == AM_OK, "seed %u: %s", seed, err.message);
    am_result *groups = solve(inst, false, seed);
    am_instance *rep = repair_of(inst, groups, _i, _i >= 12);
    am_result *fast = solve(rep, false, seed), *exact = solve(rep, true, seed);
    ck_assert_msg(am_result_objective(fast) == am_result_objective(exact),
                  "seed %u (repair): fast %lld, exact %lld", seed, am_result_objective(fast),
                  am_result_objective(exact));
    am_result_free(fast);
    am_result_free(exact);
    am_result_free(groups);
    am_instance_free(rep);
    am_instance_free(inst);
}
END_TEST

static Suite *fast_exact_suite(void)
{
    Suite *s = suite_create("fast_exact");
    TCase *tc = tcase_create("seeded");
    tcase_set_timeout(tc, 600);
    tcase_add_loop_test(tc, fast_and_exact_agree_on_national_instances, 0, 40);
    tcase_add_loop_test(tc, fast_and_exact_agree_on_province_previews, 0, 20);
    tcase_add_loop_test(tc, fast_and_exact_agree_on_repairs, 0, 18);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(fast_exact_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
