/* tests/unit/test_props.c: properties over seeded generated instances: every result passes the
 * independent checker with the objective the solver reports, and two solves of the same
 * instance give the same bytes. The seed is printed on failure. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_check.h"
#include "advmatch/am_gen.h"
#include "advmatch/am_json.h"
#include "advmatch/am_match.h"
#include "advmatch/am_meetings.h"
#include "advmatch/am_schedule_check.h"
#include "am_test.h"

static char *solve_to_json(const am_instance *inst, am_result **keep, unsigned seed)
{
    am_match_params p;
    am_match_params_init(&p);
    p.skip_check = true; /* the test runs the checker itself and wants to see its findings */
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_msg(am_match(inst, &p, &res, &err) == AM_OK, "seed %u: %s", seed, err.message);
    ck_assert_msg(am_result_outcome(res) == AM_OUTCOME_OPTIMAL, "seed %u: not optimal", seed);
    am_sink *s = am_sink_new();
    am_json_write_result(res, s);
    ck_assert_int_eq(am_sink_status(s), AM_OK);
    size_t len;
    char *copy = strdup(am_sink_data(s, &len));
    am_sink_free(s);
    *keep = res;
    return copy;
}

static void check_seed(unsigned seed, int n_counties, int n_experts)
{
    am_gen_params gp;
    am_gen_params_init(&gp);
    gp.n_counties = n_counties;
    gp.n_experts = n_experts;
    gp.seed = seed;
    am_instance *inst = NULL;
    am_error err = {0};
    ck_assert_msg(am_gen_instance(&gp, &inst, &err) == AM_OK, "seed %u: %s", seed, err.message);
    am_result *r1 = NULL, *r2 = NULL;
    char *a = solve_to_json(inst, &r1, seed);
    char *b = solve_to_json(inst, &r2, seed);
    ck_assert_msg(strcmp(a, b) == 0, "seed %u: two solves gave different bytes", seed);

    am_diags *d = am_diags_new();
    am_check_report rep;
    ck_assert_int_eq(am_check(inst, r1, d, &rep, &err), AM_OK);
    char *text = amt_diags_text(d);
    ck_assert_msg(rep.n_violations == 0 && rep.n_mismatches == 0, "seed %u: checker found:\n%s",
                  seed, text);
    ck_assert_msg(rep.objective == am_result_objective(r1), "seed %u: objective %lld vs %lld",
                  seed, rep.objective, am_result_objective(r1));
    ck_assert_msg(am_result_bound(r1) == (double)am_result_objective(r1), "seed %u: bound", seed);
    /* generated pools are ample: most groups must be complete */
    ck_assert_msg(rep.n_groups_complete * 2 >= am_result_n_groups(r1),
                  "seed %u: only %d of %d groups complete", seed, rep.n_groups_complete,
                  am_result_n_groups(r1));
    free(text);
    am_diags_free(d);
    free(a);
    free(b);
    am_result_free(r1);
    am_result_free(r2);
    am_instance_free(inst);
}

START_TEST(generated_results_pass_the_checker_and_are_byte_identical)
{
    check_seed((unsigned)(_i + 1), 8 + _i % 5, 160 + 20 * (_i % 4));
}
END_TEST

START_TEST(a_larger_generated_round_passes_the_checker)
{
    check_seed(2026u, 30, 600);
}
END_TEST

static char *schedule_to_json(const am_instance *inst, const am_result *res, am_schedule **keep,
                              unsigned seed)
{
    am_match_params p;
    am_match_params_init(&p);
    p.skip_check = true;
    am_schedule *s = NULL;
    am_error err = {0};
    ck_assert_msg(am_meetings(inst, res, NULL, &p, &s, &err) == AM_OK, "seed %u: %s", seed,
                  err.message);
    am_sink *out = am_sink_new();
    am_json_write_schedule(s, out);
    ck_assert_int_eq(am_sink_status(out), AM_OK);
    char *copy = strdup(am_sink_data(out, NULL));
    am_sink_free(out);
    *keep = s;
    return copy;
}

/* The year's meetings of generated groups (2026 calendar, busy periods, blackouts): the
 * independent schedule checker finds nothing, the objective is the one it recomputes, the plan
 * is proven optimal, and two runs give the same bytes. */
START_TEST(generated_schedules_pass_the_checker_and_are_byte_identical)
{
    unsigned seed = (unsigned)(_i + 101);
    am_gen_params gp;
    am_gen_params_init(&gp);
    gp.n_counties = 6 + _i % 4;
    gp.n_experts = 120 + 20 * (_i % 3);
    gp.seed = seed;
    am_instance *inst = NULL;
    am_error err = {0};
    ck_assert_msg(am_gen_instance(&gp, &inst, &err) == AM_OK, "seed %u: %s", seed, err.message);
    am_result *res = NULL;
    char *r = solve_to_json(inst, &res, seed);
    am_schedule *s1 = NULL, *s2 = NULL;
    char *a = schedule_to_json(inst, res, &s1, seed);
    char *b = schedule_to_json(inst, res, &s2, seed);
    ck_assert_msg(strcmp(a, b) == 0, "seed %u: two schedules gave different bytes", seed);
    am_diags *d = am_diags_new();
    am_schedule_report rep;
    ck_assert_int_eq(am_schedule_check(inst, res, s1, d, &rep, &err), AM_OK);
    char *text = amt_diags_text(d);
    ck_assert_msg(rep.n_violations == 0 && rep.n_mismatches == 0, "seed %u: checker found:\n%s",
                  seed, text);
    ck_assert_msg(rep.objective == am_schedule_objective(s1), "seed %u: objective", seed);
    ck_assert_msg(am_schedule_outcome(s1) == AM_OUTCOME_OPTIMAL, "seed %u: not optimal", seed);
    ck_assert_msg(rep.n_meetings > 0, "seed %u: no meeting", seed);
    free(text);
    am_diags_free(d);
    free(a);
    free(b);
    free(r);
    am_schedule_free(s1);
    am_schedule_free(s2);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

static Suite *props_suite(void)
{
    Suite *s = suite_create("props");
    TCase *tc = tcase_create("generated");
    tcase_set_timeout(tc, 300);
    tcase_add_loop_test(tc, generated_results_pass_the_checker_and_are_byte_identical, 0, 12);
    tcase_add_test(tc, a_larger_generated_round_passes_the_checker);
    tcase_add_loop_test(tc, generated_schedules_pass_the_checker_and_are_byte_identical, 0, 8);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(props_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
