/* tests/unit/test_check.c: what the independent checker recomputes, on the hand-built instance
 * of tests/support/am_test.h (amt_check_instance) and results built member by member. The
 * correct result, whose objective is worked out there; a group above the target and an empty
 * group; then claimed channels, scores, shortfalls and objectives that differ from the
 * recomputed ones, and a failing scratch arena. Every hard rule is in test_check_rules.c. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_check.h"
#include "am_test.h"

START_TEST(check_recomputes_the_hand_computed_objective_of_a_correct_result)
{
    am_policy pol = amt_check_policy();
    am_instance *inst = amt_check_instance(&pol);
    am_result *res = amt_check_correct_result(inst, -1536);
    am_check_report rep;
    char *text = amt_check_run(inst, res, &rep);
    ck_assert_str_eq(text, "");
    ck_assert_int_eq(rep.n_violations, 0);
    ck_assert_int_eq(rep.n_mismatches, 0);
    ck_assert_int_eq(rep.score, 24);
    ck_assert_int_eq(rep.penalty, 1560);
    ck_assert_int_eq(rep.objective, -1536);
    ck_assert_int_eq(rep.n_members, 5);
    ck_assert_int_eq(rep.n_shortfalls, 5);
    ck_assert_int_eq(rep.n_groups_complete, 0);
    free(text);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

/* A of the correct result plus N2 (national, kiwifruit, processing): 2 x 2 = 4, channel national.
 * A now covers everything but has 5 members, one above the target: 4 x 1 x 2 = 8.
 * objective = (22 + 4) + 2 - 8 - 1300 = -1280; A is complete. */
START_TEST(check_charges_members_above_the_target)
{
    am_policy pol = amt_check_policy();
    am_instance *inst = amt_check_instance(&pol);
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_result_new(inst, &res, &err), AM_OK);
    amt_check_add(res, inst, "520623", "N1", 'L', AM_CHANNEL_NATIONAL, 10);
    amt_check_add(res, inst, "520623", "L1", 'M', AM_CHANNEL_LOCAL, 0);
    amt_check_add(res, inst, "520623", "G1", 'M', AM_CHANNEL_PAIRED, 6);
    amt_check_add(res, inst, "520623", "P1", 'M', AM_CHANNEL_PROVINCE, 6);
    amt_check_add(res, inst, "520623", "N2", 'M', AM_CHANNEL_NATIONAL, 4);
    amt_check_add(res, inst, "530128", "Y1", 'M', AM_CHANNEL_PROVINCE, 2);
    amt_check_add_short(res, inst, "530128", AM_RULE_SIZE, 2, "");
    amt_check_add_short(res, inst, "530128", AM_RULE_LEADER, 1, "");
    amt_check_add_short(res, inst, "530128", AM_RULE_LOCAL, 1, "");
    am_result_set_outcome(res, AM_OUTCOME_OPTIMAL, -1280, true, -1280.0, 0.0);
    am_check_report rep;
    char *text = amt_check_run(inst, res, &rep);
    ck_assert_str_eq(text, "");
    ck_assert_int_eq(rep.penalty, 1308);
    ck_assert_int_eq(rep.objective, -1280);
    ck_assert_int_eq(rep.n_groups_complete, 1);
    free(text);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

/* An empty group of A misses everything: size 3, leader, local 1, pairing 1 (Guizhou has a
 * partner), kiwifruit (w2), tea (w3), processing, production, each x priority 2:
 * (300 + 1000 + 100 + 100 + 100 + 150 + 30 + 30) x 2 = 3620. */
START_TEST(check_names_every_shortfall_of_an_empty_group)
{
    am_policy pol = amt_check_policy();
    am_instance *inst = amt_check_instance(&pol);
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_result_new(inst, &res, &err), AM_OK);
    amt_check_add(res, inst, "530128", "Y1", 'M', AM_CHANNEL_PROVINCE, 2);
    amt_check_add_short(res, inst, "530128", AM_RULE_SIZE, 2, "");
    amt_check_add_short(res, inst, "530128", AM_RULE_LEADER, 1, "");
    amt_check_add_short(res, inst, "530128", AM_RULE_LOCAL, 1, "");
    am_result_set_outcome(res, AM_OUTCOME_OPTIMAL, 2 - 1300 - 3620, false, 0.0, 0.0);
    amt_check_expect(inst, res, 0, 8,
           "error: county 520623: shortfalls: shortfall size (missing 3) is not claimed\n"
           "error: county 520623: shortfalls: shortfall leader (missing 1) is not claimed\n"
           "error: county 520623: shortfalls: shortfall local (missing 1) is not claimed\n"
           "error: county 520623: shortfalls: shortfall pairing (missing 1) is not claimed\n"
           "error: county 520623: shortfalls: shortfall industry \"kiwifruit\" (missing 1) is not "
           "claimed\n"
           "error: county 520623: shortfalls: shortfall industry \"tea\" (missing 1) is not "
           "claimed\n"
           "error: county 520623: shortfalls: shortfall stage \"processing\" (missing 1) is not "
           "claimed\n"
           "error: county 520623: shortfalls: shortfall stage \"production\" (missing 1) is not "
           "claimed\n");
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST
START_TEST(check_flags_claimed_channels_and_scores_that_differ)
{
    am_policy pol = amt_check_policy();
    am_instance *inst = amt_check_instance(&pol);
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_result_new(inst, &res, &err), AM_OK);
    amt_check_add(res, inst, "520623", "N1", 'L', AM_CHANNEL_NATIONAL, 6); /* forgot both preferences */
    amt_check_add(res, inst, "520623", "L1", 'M', AM_CHANNEL_LOCAL, 0);
    amt_check_add(res, inst, "520623", "G1", 'M', AM_CHANNEL_PROVINCE, 6); /* is paired */
    amt_check_add(res, inst, "520623", "P1", 'M', AM_CHANNEL_PROVINCE, 6);
    amt_check_add_short(res, inst, "520623", AM_RULE_INDUSTRY, 1, "kiwifruit");
    amt_check_add_short(res, inst, "520623", AM_RULE_STAGE, 1, "processing");
    amt_check_add(res, inst, "530128", "Y1", 'M', AM_CHANNEL_PROVINCE, 2);
    amt_check_add_short(res, inst, "530128", AM_RULE_SIZE, 2, "");
    amt_check_add_short(res, inst, "530128", AM_RULE_LEADER, 1, "");
    amt_check_add_short(res, inst, "530128", AM_RULE_LOCAL, 1, "");
    am_result_set_outcome(res, AM_OUTCOME_OPTIMAL, -1536, true, -1536.0, 0.0);
    amt_check_expect(inst, res, 0, 2,
           "error: county 520623: score: expert \"N1\" scores 10, claimed 6\n"
           "error: county 520623: channel: expert \"G1\" has channel paired, claimed province\n");
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(check_flags_claimed_shortfalls_that_differ)
{
    am_policy pol = amt_check_policy();
    am_instance *inst = amt_check_instance(&pol);
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_result_new(inst, &res, &err), AM_OK);
    amt_check_add(res, inst, "520623", "N1", 'L', AM_CHANNEL_NATIONAL, 10);
    amt_check_add(res, inst, "520623", "L1", 'M', AM_CHANNEL_LOCAL, 0);
    amt_check_add(res, inst, "520623", "G1", 'M', AM_CHANNEL_PAIRED, 6);
    amt_check_add(res, inst, "520623", "P1", 'M', AM_CHANNEL_PROVINCE, 6);
    amt_check_add_short(res, inst, "520623", AM_RULE_INDUSTRY, 1, "kiwifruit");
    amt_check_add_short(res, inst, "520623", AM_RULE_INDUSTRY, 1, "tea"); /* tea is covered */
    /* the processing stage is not claimed */
    amt_check_add(res, inst, "530128", "Y1", 'M', AM_CHANNEL_PROVINCE, 2);
    amt_check_add_short(res, inst, "530128", AM_RULE_LOCAL, 1, "");
    amt_check_add_short(res, inst, "530128", AM_RULE_SIZE, 1, ""); /* 2 are missing */
    amt_check_add_short(res, inst, "530128", AM_RULE_LEADER, 1, "");
    am_result_set_outcome(res, AM_OUTCOME_OPTIMAL, -1536, true, -1536.0, 0.0);
    amt_check_expect(inst, res, 0, 3,
           "error: county 520623: shortfalls: shortfall industry \"tea\" (missing 1) is claimed "
           "but not recomputed\n"
           "error: county 520623: shortfalls: shortfall stage \"processing\" (missing 1) is not "
           "claimed\n"
           "error: county 530128: shortfalls: shortfall size: missing 1 claimed, 2 recomputed\n");
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(check_flags_a_claimed_objective_that_differs)
{
    am_policy pol = amt_check_policy();
    am_instance *inst = amt_check_instance(&pol);
    am_result *res = amt_check_correct_result(inst, -1500);
    amt_check_expect(inst, res, 0, 1,
           "error: result: objective: objective -1500 claimed, -1536 recomputed\n");
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(check_returns_nomem_when_its_scratch_arena_fails)
{
    am_policy pol = amt_check_policy();
    am_instance *inst = amt_check_instance(&pol);
    am_result *res = amt_check_correct_result(inst, -1536);
    am_diags *d = am_diags_new();
    am_check_report rep;
    am_error err = {0};
    am_arena_fail_after(0);
    ck_assert_int_eq(am_check(inst, res, d, &rep, &err), AM_ENOMEM);
    am_arena_fail_after(-1);
    ck_assert_int_eq(err.status, AM_ENOMEM);
    am_diags_free(d);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

static Suite *check_suite(void)
{
    Suite *s = suite_create("check");
    TCase *tc = tcase_create("objective");
    tcase_add_test(tc, check_recomputes_the_hand_computed_objective_of_a_correct_result);
    tcase_add_test(tc, check_charges_members_above_the_target);
    tcase_add_test(tc, check_names_every_shortfall_of_an_empty_group);
    suite_add_tcase(s, tc);
    tc = tcase_create("mismatches");
    tcase_add_test(tc, check_flags_claimed_channels_and_scores_that_differ);
    tcase_add_test(tc, check_flags_claimed_shortfalls_that_differ);
    tcase_add_test(tc, check_flags_a_claimed_objective_that_differs);
    tcase_add_test(tc, check_returns_nomem_when_its_scratch_arena_fails);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(check_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
