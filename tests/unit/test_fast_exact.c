/* tests/unit/test_fast_exact.c: the fast path (column generation over a restricted set of pairs,
 * models/match_cg.c) and --exact (the full model) prove the same optimum on 60 seeded generated
 * instances, from ample to scarce expert pools, national and single-province; both results pass
 * the independent checker (am_match runs it) and report bound == objective. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "advmatch/am_gen.h"
#include "advmatch/am_match.h"

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

static Suite *fast_exact_suite(void)
{
    Suite *s = suite_create("fast_exact");
    TCase *tc = tcase_create("seeded");
    tcase_set_timeout(tc, 600);
    tcase_add_loop_test(tc, fast_and_exact_agree_on_national_instances, 0, 40);
    tcase_add_loop_test(tc, fast_and_exact_agree_on_province_previews, 0, 20);
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
