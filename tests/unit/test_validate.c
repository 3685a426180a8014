/* tests/unit/test_validate.c: am_validate on small instances built record by record. Each test
 * breaks one domain rule of a clean world and asserts the exact formatted diagnostics
 * (record, field and message), so that a change of wording is a deliberate one. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_validate.h"
#include "am_test.h"

/* The clean world: Guizhou (52, west, paired with Guangdong 44), Guangdong (44, east), Beijing
 * (11, east), Yunnan (53, west, unpaired); Shiqian (520623, Guizhou) recommends its local L1;
 * Luquan (530128, Yunnan). Tests change one record before building. */
typedef struct world {
    am_policy policy;
    am_province_rec provinces[6];
    int n_provinces;
    am_county_rec counties[4];
    int n_counties;
    am_expert_rec experts[8];
    int n_experts;
} world;

static const char *const gd[] = {"44"};
static const char *const rec_l1[] = {"L1"};
static am_industry_rec tea_kiwi[] = {{"tea", 3}, {"kiwifruit", 2}};
static am_industry_rec coffee[] = {{"coffee", 2}};
static const char *const f_tea[] = {"tea"};
static const char *const f_tea_coffee[] = {"tea", "coffee"};

static void world_init(world *w)
{
    memset(w, 0, sizeof *w);
    am_policy_init(&w->policy);
    w->provinces[0] = (am_province_rec){"52", "贵州省", AM_REGION_WEST, gd, 1};
    w->provinces[1] = (am_province_rec){"44", "广东省", AM_REGION_EAST, NULL, 0};
    w->provinces[2] = (am_province_rec){"11", "北京市", AM_REGION_EAST, NULL, 0};
    w->provinces[3] = (am_province_rec){"53", "云南省", AM_REGION_WEST, NULL, 0};
    w->n_provinces = 4;
    w->counties[0] = (am_county_rec){.id = "520623",
                                     .name = "石阡县",
                                     .province = "52",
                                     .industries = tea_kiwi,
                                     .n_industries = 2,
                                     .priority = 2,
                                     .recommended = rec_l1,
                                     .n_recommended = 1};
    w->counties[1] = (am_county_rec){.id = "530128",
                                     .name = "禄劝县",
                                     .province = "53",
                                     .industries = coffee,
                                     .n_industries = 1,
                                     .priority = 1};
    w->n_counties = 2;
    w->experts[0] = (am_expert_rec){.id = "N1",
                                    .name = "王",
                                    .level = AM_LEVEL_NATIONAL,
                                    .org = "中国农业大学",
                                    .province = "11",
                                    .fields = f_tea_coffee,
                                    .n_fields = 2,
                                    .capacity = 1,
                                    .leader_capacity = 1,
                                    .active = true};
    w->experts[1] = (am_expert_rec){.id = "G1",
                                    .name = "李",
                                    .level = AM_LEVEL_PROVINCIAL,
                                    .org = "华南农业大学",
                                    .province = "44",
                                    .fields = f_tea,
                                    .n_fields = 1,
                                    .capacity = 1,
                                    .leader_capacity = 1,
                                    .active = true};
    /* a local expert without fields and with leader_capacity 1 is fine: no message */
    w->experts[2] = (am_expert_rec){.id = "L1",
                                    .name = "张",
                                    .level = AM_LEVEL_LOCAL,
                                    .org = "石阡县农业农村局",
                                    .province = "52",
                                    .county = "520623",
                                    .capacity = 1,
                                    .leader_capacity = 1,
                                    .active = true};
    w->experts[3] = (am_expert_rec){.id = "P1",
                                    .name = "陈",
                                    .level = AM_LEVEL_PROVINCIAL,
                                    .org = "贵州大学",
                                    .province = "52",
                                    .county = NULL,
                                    .fields = f_tea,
                                    .n_fields = 1,
                                    .capacity = 2,
                                    .active = true};
    w->n_experts = 4;
}

/* Build, freeze and validate `w`; return every diagnostic as text (caller frees). */
static char *run(const world *w)
{
    am_instance *inst = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_instance_new(&inst, &err), AM_OK);
    am_instance_set_policy(inst, &w->policy);
    for (int i = 0; i < w->n_provinces; i++)
        ck_assert_int_eq(am_instance_add_province(inst, &w->provinces[i], &err), AM_OK);
    for (int i = 0; i < w->n_counties; i++)
        ck_assert_int_eq(am_instance_add_county(inst, &w->counties[i], &err), AM_OK);
    for (int i = 0; i < w->n_experts; i++)
        ck_assert_int_eq(am_instance_add_expert(inst, &w->experts[i], &err), AM_OK);
    am_diags *d = am_diags_new();
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(am_instance_freeze(inst, d, &err), AM_OK);
    ck_assert_int_eq(am_validate(inst, d, &err), AM_OK);
    char *text = amt_diags_text(d);
    am_diags_free(d);
    am_instance_free(inst);
    return text;
}

/* Assert that validating `w` gives exactly `expected` (lines joined by '\n', each ended). */
static void expect_text(const world *w, const char *expected)
{
    char *text = run(w);
    ck_assert_str_eq(text, expected);
    free(text);
}

START_TEST(validate_finds_nothing_in_a_clean_world)
{
    world w;
    world_init(&w);
    expect_text(&w, "");
}
END_TEST

START_TEST(validate_rejects_group_size_min_above_max)
{
    world w;
    world_init(&w);
    w.policy.size_min = 9;
    w.policy.size_target = 9;
    w.policy.size_max = 8;
    expect_text(&w, "error: policy: group_size.min: min 9 is above max 8\n");
}
END_TEST

START_TEST(validate_rejects_a_target_outside_min_and_max)
{
    world w;
    world_init(&w);
    w.policy.size_target = 13;
    expect_text(&w, "error: policy: group_size.target: target 13 is above max 12\n");
    w.policy.size_target = 7;
    expect_text(&w, "error: policy: group_size.target: target 7 is below min 8\n");
}
END_TEST

START_TEST(validate_rejects_negative_min_and_zero_max_group_size)
{
    world w;
    world_init(&w);
    w.policy.size_min = -1;
    w.policy.size_target = 0;
    w.policy.size_max = 0;
    expect_text(&w, "error: policy: group_size.min: min -1 is negative; use 0 or more\n"
                    "error: policy: group_size.max: max 0 is below 1; a group needs room for at "
                    "least one member\n");
}
END_TEST

START_TEST(validate_rejects_bad_local_and_pairing_ranges)
{
    world w;
    world_init(&w);
    w.policy.local_min = 3;
    w.policy.pairing_min = -1;
    expect_text(&w, "error: policy: local_members.min: min 3 is above max 2\n"
                    "error: policy: pairing_members.min: min -1 is negative; use 0 or more\n");
    world_init(&w);
    w.policy.pairing_min = 0;
    w.policy.pairing_max = -2;
    expect_text(&w, "error: policy: pairing_members.max: max -2 is negative; use 0 or more\n");
}
END_TEST

START_TEST(validate_rejects_max_same_org_below_one)
{
    world w;
    world_init(&w);
    w.policy.max_same_org = 0;
    expect_text(
        &w, "error: policy: max_same_org: max_same_org 0 is below 1; no member could be placed\n");
}
END_TEST

START_TEST(validate_rejects_negative_penalties_and_bonus)
{
    world w;
    world_init(&w);
    w.policy.pen_leader = -5;
    w.policy.pen_over_target = -1;
    w.policy.preference_bonus = -2;
    expect_text(&w,
                "error: policy: objective.penalty.leader: penalty -5 is negative; use 0 or more\n"
                "error: policy: objective.penalty.over_target: penalty -1 is negative; use 0 "
                "or more\n"
                "error: policy: objective.preference_bonus: bonus -2 is negative; use 0 or "
                "more\n");
}
END_TEST

START_TEST(validate_accepts_zero_penalties_and_empty_quotas)
{
    world w;
    world_init(&w);
    w.policy.pen_stage = 0;
    w.policy.local_min = w.policy.local_max = 0;
    w.policy.size_min = 0;
    expect_text(&w, "");
}
END_TEST

START_TEST(validate_rejects_a_province_code_that_is_not_two_digits)
{
    world w;
    world_init(&w);
    w.provinces[4] = (am_province_rec){"5a", "某省", AM_REGION_EAST, NULL, 0};
    w.provinces[5] = (am_province_rec){"520", "某某省", AM_REGION_EAST, NULL, 0};
    w.n_provinces = 6;
    expect_text(&w, "error: provinces[4] code \"5a\": code: code \"5a\" must be 2 digits (GB/T "
                    "2260, like \"52\")\n"
                    "error: provinces[5] code \"520\": code: code \"520\" must be 2 digits (GB/T "
                    "2260, like \"52\")\n");
}
END_TEST

START_TEST(validate_rejects_a_partner_that_is_not_eastern)
{
    static const char *const gz[] = {"52"};
    world w;
    world_init(&w);
    w.provinces[3].paired_with = gz;
    w.provinces[3].n_paired_with = 1;
    expect_text(&w, "error: provinces[3] code \"53\": paired_with: partner \"52\" has region west; "
                    "a partner must be an eastern province\n");
}
END_TEST

START_TEST(validate_rejects_a_province_paired_with_itself)
{
    static const char *const self[] = {"44", "53"};
    world w;
    world_init(&w);
    w.provinces[3].paired_with = self;
    w.provinces[3].n_paired_with = 2;
    /* two partners: the field names the position */
    expect_text(&w,
                "error: provinces[3] code \"53\": paired_with[1]: province \"53\" is paired with "
                "itself; name its eastern partner or null\n");
}
END_TEST

START_TEST(validate_rejects_malformed_county_ids)
{
    world w;
    world_init(&w);
    w.counties[1].id = "53012";
    w.counties[2] = w.counties[1];
    w.counties[2].id = "520999"; /* in Yunnan, but a Guizhou code */
    w.n_counties = 3;
    expect_text(&w, "error: counties[1] id \"53012\": id: id \"53012\" must be 6 digits (GB/T 2260 "
                    "county code)\n"
                    "error: counties[2] id \"520999\": id: id \"520999\" does not start with its "
                    "province code \"53\"\n");
}
END_TEST

START_TEST(validate_rejects_a_county_without_industries)
{
    world w;
    world_init(&w);
    w.counties[1].n_industries = 0;
    w.counties[1].industries = NULL;
    expect_text(&w, "error: counties[1] id \"530128\": industries: a county needs at least one "
                    "industry\n");
}
END_TEST

START_TEST(validate_rejects_weights_out_of_range)
{
    am_industry_rec bad[] = {{"tea", 3}, {"kiwifruit", 5}, {"rice", 0}};
    world w;
    world_init(&w);
    w.counties[0].industries = bad;
    w.counties[0].n_industries = 3;
    expect_text(&w, "error: counties[0] id \"520623\": industries[1].weight: weight 5 is out of "
                    "range 1..3\n"
                    "error: counties[0] id \"520623\": industries[2].weight: weight 0 is out of "
                    "range 1..3\n");
}
END_TEST

START_TEST(validate_rejects_a_priority_below_one)
{
    world w;
    world_init(&w);
    w.counties[1].priority = 0;
    expect_text(&w, "error: counties[1] id \"530128\": priority: priority 0 is below 1; use 1, or "
                    "more for a county that needs help most\n");
}
END_TEST

START_TEST(validate_rejects_recommending_an_expert_of_another_county)
{
    static const char *const recs[] = {"L1", "L9", "P1"};
    world w;
    world_init(&w);
    w.counties[2] = (am_county_rec){.id = "522301",
                                    .name = "兴义市",
                                    .province = "52",
                                    .industries = tea_kiwi,
                                    .n_industries = 1,
                                    .priority = 1};
    w.n_counties = 3;
    w.experts[4] = w.experts[2];
    w.experts[4].id = "L9";
    w.experts[4].county = "522301";
    w.n_experts = 5;
    w.counties[0].recommended = recs;
    w.counties[0].n_recommended = 3;
    expect_text(&w,
                "error: counties[0] id \"520623\": recommended[1]: expert \"L9\" has home county "
                "\"522301\", not this county\n"
                "error: counties[0] id \"520623\": recommended[2]: expert \"P1\" has no home "
                "county; only experts of this county can be recommended\n");
}
END_TEST

START_TEST(validate_rejects_negative_capacities_and_empty_names)
{
    world w;
    world_init(&w);
    w.experts[1].capacity = -1;
    w.experts[1].leader_capacity = -2;
    w.experts[3].name = "";
    w.experts[3].org = "";
    expect_text(&w, "error: experts[1] id \"G1\": capacity: capacity -1 is negative; use 0 for an "
                    "expert who sits in no group\n"
                    "error: experts[1] id \"G1\": leader_capacity: leader_capacity -2 is negative; "
                    "use 0 for an expert who leads no group\n"
                    "error: experts[3] id \"P1\": name: name is empty\n"
                    "error: experts[3] id \"P1\": org: org is empty\n");
}
END_TEST

START_TEST(validate_rejects_a_home_county_outside_the_experts_province)
{
    world w;
    world_init(&w);
    w.experts[1].county = "520623"; /* a Guangdong expert living in Guizhou */
    expect_text(&w, "error: experts[1] id \"G1\": county: home county \"520623\" lies in province "
                    "\"52\", not in the expert's province \"44\"\n");
}
END_TEST

START_TEST(validate_rejects_a_local_expert_without_home_county)
{
    world w;
    world_init(&w);
    w.experts[3].level = AM_LEVEL_LOCAL;
    expect_text(&w, "error: experts[3] id \"P1\": county: a local expert needs a home county\n");
}
END_TEST

START_TEST(validate_warns_about_an_active_expert_no_county_can_take)
{
    world w;
    world_init(&w);
    w.experts[1].n_fields = 0;
    w.experts[1].fields = NULL;
    expect_text(&w, "warning: experts[1] id \"G1\": fields: the expert has no fields and no home "
                    "county, so no county can take them\n");
    w.experts[1].active = false; /* an inactive expert is never a candidate anyway */
    expect_text(&w, "");
}
END_TEST

START_TEST(validate_accepts_a_county_preferring_an_expert_who_declines_it)
{
    static const char *const prefers[] = {"G1"};
    static const char *const declines[] = {"520623"};
    world w;
    world_init(&w);
    w.counties[0].prefers = prefers;
    w.counties[0].n_prefers = 1;
    w.experts[1].declines = declines;
    w.experts[1].n_declines = 1;
    expect_text(&w, "");
}
END_TEST

START_TEST(validate_lists_every_problem_in_input_order)
{
    world w;
    world_init(&w);
    /* experts[0] becomes "Z9", which sorts after "P1" (experts[3]): input order still wins */
    w.experts[0].id = "Z9";
    w.experts[0].capacity = -1;
    w.experts[3].capacity = -1;
    w.counties[1].priority = 0;
    w.policy.max_same_org = 0;
    expect_text(
        &w, "error: policy: max_same_org: max_same_org 0 is below 1; no member could be placed\n"
            "error: counties[1] id \"530128\": priority: priority 0 is below 1; use 1, or more "
            "for a county that needs help most\n"
            "error: experts[0] id \"Z9\": capacity: capacity -1 is negative; use 0 for an "
            "expert who sits in no group\n"
            "error: experts[3] id \"P1\": capacity: capacity -1 is negative; use 0 for an "
            "expert who sits in no group\n");
}
END_TEST

START_TEST(validate_returns_nomem_when_its_scratch_arena_fails)
{
    world w;
    world_init(&w);
    am_instance *inst = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_instance_new(&inst, &err), AM_OK);
    for (int i = 0; i < w.n_provinces; i++)
        am_instance_add_province(inst, &w.provinces[i], &err);
    am_diags *d = am_diags_new();
    ck_assert_int_eq(am_instance_freeze(inst, d, &err), AM_OK);
    am_arena_fail_after(0);
    ck_assert_int_eq(am_validate(inst, d, &err), AM_ENOMEM);
    am_arena_fail_after(-1);
    ck_assert_int_eq(err.status, AM_ENOMEM);
    am_diags_free(d);
    am_instance_free(inst);
}
END_TEST

static Suite *validate_suite(void)
{
    Suite *s = suite_create("validate");
    TCase *tc = tcase_create("policy");
    tcase_add_test(tc, validate_finds_nothing_in_a_clean_world);
    tcase_add_test(tc, validate_rejects_group_size_min_above_max);
    tcase_add_test(tc, validate_rejects_a_target_outside_min_and_max);
    tcase_add_test(tc, validate_rejects_negative_min_and_zero_max_group_size);
    tcase_add_test(tc, validate_rejects_bad_local_and_pairing_ranges);
    tcase_add_test(tc, validate_rejects_max_same_org_below_one);
    tcase_add_test(tc, validate_rejects_negative_penalties_and_bonus);
    tcase_add_test(tc, validate_accepts_zero_penalties_and_empty_quotas);
    suite_add_tcase(s, tc);
    tc = tcase_create("provinces_and_counties");
    tcase_add_test(tc, validate_rejects_a_province_code_that_is_not_two_digits);
    tcase_add_test(tc, validate_rejects_a_partner_that_is_not_eastern);
    tcase_add_test(tc, validate_rejects_a_province_paired_with_itself);
    tcase_add_test(tc, validate_rejects_malformed_county_ids);
    tcase_add_test(tc, validate_rejects_a_county_without_industries);
    tcase_add_test(tc, validate_rejects_weights_out_of_range);
    tcase_add_test(tc, validate_rejects_a_priority_below_one);
    tcase_add_test(tc, validate_rejects_recommending_an_expert_of_another_county);
    suite_add_tcase(s, tc);
    tc = tcase_create("experts");
    tcase_add_test(tc, validate_rejects_negative_capacities_and_empty_names);
    tcase_add_test(tc, validate_rejects_a_home_county_outside_the_experts_province);
    tcase_add_test(tc, validate_rejects_a_local_expert_without_home_county);
    tcase_add_test(tc, validate_warns_about_an_active_expert_no_county_can_take);
    tcase_add_test(tc, validate_accepts_a_county_preferring_an_expert_who_declines_it);
    tcase_add_test(tc, validate_lists_every_problem_in_input_order);
    tcase_add_test(tc, validate_returns_nomem_when_its_scratch_arena_fails);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(validate_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
