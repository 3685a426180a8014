/* tests/unit/test_check_rules.c: the independent checker's hard rules, on the hand-built
 * instance of tests/support/am_test.h (amt_check_instance). For every hard rule a result that
 * breaks it, mostly the correct result worked out there plus one member: size, leader and
 * leader capacity, local, pairing, organisation, capacity, eligibility, an expert twice in a
 * group, counties listed twice or never; each with its exact findings. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_check.h"
#include "am_test.h"

START_TEST(check_flags_a_group_above_the_maximum_size)
{
    am_policy pol = amt_check_policy();
    pol.size_target = pol.size_max = 3;
    am_instance *inst = amt_check_instance(&pol);
    /* 4 members, one above both target and max: the objective also moves by 4 x 2 = 8 */
    am_result *res = amt_check_correct_result(inst, -1536 - 8);
    amt_check_expect(inst, res, 1, 0,
           "error: county 520623: size: the group has 4 members, above max 3; remove 1\n");
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(check_flags_two_leaders_and_a_leader_below_national_level)
{
    am_policy pol = amt_check_policy();
    am_instance *inst = amt_check_instance(&pol);
    am_result *res = amt_check_correct_result(inst, -1536 + 6);
    amt_check_add(res, inst, "520623", "P3", 'L', AM_CHANNEL_PROVINCE, 4); /* covers kiwifruit */
    /* P3 adds 4 to the score, leaves kiwifruit covered (-200) and costs 4 x 2 over target:
     * claimed -1530 vs recomputed -1536 + 4 + 200 - 8 = -1340; the shortfall list changes */
    amt_check_expect(inst, res, 2, 2,
           "error: county 520623: leader: leader \"P3\" is of level provincial; the leader must "
           "be national-level\n"
           "error: county 520623: leader: the group has 2 leaders; keep one\n"
           "error: county 520623: shortfalls: shortfall industry \"kiwifruit\" (missing 1) is "
           "claimed but not recomputed\n"
           "error: result: objective: objective -1530 claimed, -1340 recomputed\n");
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(check_flags_a_leader_beyond_leader_capacity)
{
    am_policy pol = amt_check_policy();
    am_instance *inst = amt_check_instance(&pol);
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_result_new(inst, &res, &err), AM_OK);
    /* N3 (leader capacity 0) leads B: no field shared with coffee either */
    amt_check_add(res, inst, "530128", "N3", 'L', AM_CHANNEL_NATIONAL, 0);
    am_check_report rep;
    char *text = amt_check_run(inst, res, &rep);
    ck_assert_ptr_nonnull(strstr(text, "error: county 530128: eligibility: expert \"N3\" shares no "
                                       "field with the county's industries\n"));
    ck_assert_ptr_nonnull(strstr(text, "error: expert N3: leader_capacity: expert \"N3\" leads 1 "
                                       "group but has leader capacity 0 (county 530128)\n"));
    ck_assert_int_eq(rep.n_violations, 2);
    free(text);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(check_flags_too_many_local_members)
{
    am_policy pol = amt_check_policy();
    am_instance *inst = amt_check_instance(&pol);
    am_result *res = amt_check_correct_result(inst, -1536 + 6 - 8);
    amt_check_add(res, inst, "520623", "L3", 'M', AM_CHANNEL_LOCAL, 6); /* recommended, tea: 2 x 3 */
    amt_check_expect(inst, res, 1, 0,
           "error: county 520623: local: the group has 2 local members, above max 1; remove 1\n");
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

/* G2 is national but from Guangdong, the partner province: it counts toward the pairing quota
 * and its channel is paired, not national. */
START_TEST(check_counts_a_national_expert_of_the_partner_province_as_paired)
{
    am_policy pol = amt_check_policy();
    am_instance *inst = amt_check_instance(&pol);
    am_result *res = amt_check_correct_result(inst, -1536 + 6 - 8);
    amt_check_add(res, inst, "520623", "G2", 'M', AM_CHANNEL_PAIRED, 6);
    amt_check_expect(inst, res, 1, 0,
           "error: county 520623: pairing: the group has 2 members from a partner province, "
           "above max 1; remove 1\n");
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(check_flags_too_many_members_of_one_organisation)
{
    am_policy pol = amt_check_policy();
    pol.max_same_org = 1;
    am_instance *inst = amt_check_instance(&pol);
    /* G1 and G2 are both of SCAU; G2 also breaks the pairing cap */
    am_result *res = amt_check_correct_result(inst, -1536 + 6 - 8);
    amt_check_add(res, inst, "520623", "G2", 'M', AM_CHANNEL_PAIRED, 6);
    amt_check_expect(inst, res, 2, 0,
           "error: county 520623: pairing: the group has 2 members from a partner province, "
           "above max 1; remove 1\n"
           "error: county 520623: org: the group has 2 members from \"SCAU\", above "
           "max_same_org 1; remove 1\n");
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(check_flags_an_expert_beyond_capacity_naming_the_counties)
{
    am_policy pol = amt_check_policy();
    am_instance *inst = amt_check_instance(&pol);
    /* N4 (capacity 1) sits in A (tea: 2 x 3 = 6) and in B (coffee: 1 x 2 = 2); C0 (capacity 0)
     * sits in B (no shared field: 0). A: score 28, penalty 260 + 8 over target = 268.
     * B: 3 members, size met; score 4, penalty 1000 + 100 = 1100.
     * objective = 28 + 4 - 268 - 1100 = -1336; B's claimed size shortfall is now wrong. */
    am_result *res = amt_check_correct_result(inst, -1336);
    amt_check_add(res, inst, "520623", "N4", 'M', AM_CHANNEL_NATIONAL, 6);
    amt_check_add(res, inst, "530128", "N4", 'M', AM_CHANNEL_NATIONAL, 2);
    amt_check_add(res, inst, "530128", "C0", 'M', AM_CHANNEL_NATIONAL, 0);
    am_check_report rep;
    char *text = amt_check_run(inst, res, &rep);
    ck_assert_ptr_nonnull(strstr(text, "error: expert N4: capacity: expert \"N4\" sits in 2 groups "
                                       "but has capacity 1 (counties 520623, 530128)\n"));
    ck_assert_ptr_nonnull(strstr(text, "error: expert C0: capacity: expert \"C0\" sits in 1 group "
                                       "but has capacity 0 (county 530128)\n"));
    /* C0 in B is also no candidate there: Guizhou is neither Yunnan nor its partner */
    ck_assert_ptr_nonnull(strstr(text, "error: county 530128: eligibility: expert \"C0\" shares no "
                                       "field with the county's industries\n"));
    ck_assert_ptr_nonnull(strstr(text, "error: county 530128: eligibility: expert \"C0\" is "
                                       "provincial and from province \"52\", neither the county's "
                                       "own nor a partner province\n"));
    ck_assert_int_eq(rep.n_violations, 4);
    ck_assert_int_eq(rep.n_mismatches, 1);
    ck_assert_int_eq(rep.objective, -1336);
    free(text);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(check_flags_each_eligibility_rule)
{
    am_policy pol = amt_check_policy();
    pol.size_max = 12;
    pol.max_same_org = 12;
    am_instance *inst = amt_check_instance(&pol);
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_result_new(inst, &res, &err), AM_OK);
    amt_check_add(res, inst, "520623", "I1", 'M', AM_CHANNEL_PROVINCE, 6);
    amt_check_add(res, inst, "520623", "D1", 'M', AM_CHANNEL_PROVINCE, 6);
    amt_check_add(res, inst, "520623", "L2", 'M', AM_CHANNEL_LOCAL, 6);
    amt_check_add(res, inst, "520623", "P2", 'M', AM_CHANNEL_PROVINCE, 0);
    amt_check_add(res, inst, "520623", "X1", 'M', AM_CHANNEL_NATIONAL, 6);
    am_check_report rep;
    char *text = amt_check_run(inst, res, &rep);
    static const char *const lines[] = {
        "error: county 520623: eligibility: expert \"I1\" is inactive; remove them\n",
        "error: county 520623: decline: expert \"D1\" declined this county; remove them\n",
        "error: county 520623: eligibility: expert \"L2\" is local but not on the county's "
        "recommended list\n",
        "error: county 520623: eligibility: expert \"P2\" shares no field with the county's "
        "industries\n",
        "error: county 520623: eligibility: expert \"X1\" is provincial and from province "
        "\"11\", neither the county's own nor a partner province\n"};
    for (int i = 0; i < 5; i++)
        ck_assert_msg(strstr(text, lines[i]) != NULL, "missing: %s in\n%s", lines[i], text);
    ck_assert_int_eq(rep.n_violations, 5);
    free(text);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(check_flags_an_expert_twice_in_one_group)
{
    am_policy pol = amt_check_policy();
    am_instance *inst = amt_check_instance(&pol);
    am_result *res = amt_check_correct_result(inst, -1536 + 6 - 8);
    amt_check_add(res, inst, "520623", "P1", 'M', AM_CHANNEL_PROVINCE, 6);
    /* counted once toward capacity, so only the duplicate is reported */
    amt_check_expect(inst, res, 1, 0,
           "error: county 520623: duplicate: expert \"P1\" is listed more than once in the "
           "group; keep one\n");
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(check_flags_counties_listed_twice_or_never)
{
    am_policy pol = amt_check_policy();
    am_instance *inst = amt_check_instance(&pol);
    am_result *res = amt_check_correct_result(inst, -1536);
    am_result_mark_listed(res, am_instance_find_county(inst, "520623"));
    am_result_mark_listed(res, am_instance_find_county(inst, "520623"));
    amt_check_expect(inst, res, 2, 0,
           "error: county 520623: group: the county is listed 2 times in the result; keep one "
           "group\n"
           "error: county 530128: group: the county has no group in the result; add one\n");
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(check_accepts_every_county_listed_once)
{
    am_policy pol = amt_check_policy();
    am_instance *inst = amt_check_instance(&pol);
    am_result *res = amt_check_correct_result(inst, -1536);
    am_result_mark_listed(res, 0);
    am_result_mark_listed(res, 1);
    amt_check_expect(inst, res, 0, 0, "");
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

static Suite *check_rules_suite(void)
{
    Suite *s = suite_create("check_rules");
    TCase *tc = tcase_create("hard_rules");
    tcase_add_test(tc, check_flags_a_group_above_the_maximum_size);
    tcase_add_test(tc, check_flags_two_leaders_and_a_leader_below_national_level);
    tcase_add_test(tc, check_flags_a_leader_beyond_leader_capacity);
    tcase_add_test(tc, check_flags_too_many_local_members);
    tcase_add_test(tc, check_counts_a_national_expert_of_the_partner_province_as_paired);
    tcase_add_test(tc, check_flags_too_many_members_of_one_organisation);
    tcase_add_test(tc, check_flags_an_expert_beyond_capacity_naming_the_counties);
    tcase_add_test(tc, check_flags_each_eligibility_rule);
    tcase_add_test(tc, check_flags_an_expert_twice_in_one_group);
    tcase_add_test(tc, check_flags_counties_listed_twice_or_never);
    tcase_add_test(tc, check_accepts_every_county_listed_once);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(check_rules_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
