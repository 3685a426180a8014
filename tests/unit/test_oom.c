/* tests/unit/test_oom.c: out of memory at every step. For n = 0, 1, 2, ... the n-th request for
 * memory fails (am_arena_fail_after) during a whole solve of a small instance; every such run
 * must end in AM_ENOMEM with no result, and (under the sanitizer build) no leak, until n is
 * past the last request and the solve succeeds with the same objective as an undisturbed one. */
#include <check.h>
#include <stdlib.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_json.h"
#include "advmatch/am_match.h"
#include "am_test.h"

static am_instance *load_cover(void)
{
    size_t len;
    char *data = amt_slurp("fixtures/rules/cover/instance.json", &len);
    am_instance *inst = NULL;
    am_error err = {0};
    am_diags *d = am_diags_new();
    ck_assert_int_eq(am_json_read_instance(data, len, &inst, d, &err), AM_OK);
    ck_assert_int_eq(am_diags_n_errors(d), 0);
    am_diags_free(d);
    free(data);
    return inst;
}

START_TEST(every_failed_allocation_in_a_solve_is_reported_as_enomem)
{
    am_instance *inst = load_cover();
    am_match_params p;
    am_match_params_init(&p);
    int n_failed = 0;
    for (long n = 0; n < 10000; n++) {
        am_result *res = NULL;
        am_error err = {0};
        am_arena_fail_after(n);
        am_status st = am_match(inst, &p, &res, &err);
        am_arena_fail_after(-1);
        if (st == AM_OK) {
            ck_assert_int_eq(am_result_objective(res), -166);
            am_result_free(res);
            break;
        }
        ck_assert_msg(st == AM_ENOMEM, "n=%ld: status %s (%s)", n, am_status_name(st), err.message);
        ck_assert_ptr_null(res);
        n_failed++;
    }
    ck_assert_int_gt(n_failed, 5); /* the solve does ask for memory several times */
    am_instance_free(inst);
}
END_TEST

static Suite *oom_suite(void)
{
    Suite *s = suite_create("oom");
    TCase *tc = tcase_create("solve");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, every_failed_allocation_in_a_solve_is_reported_as_enomem);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(oom_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
