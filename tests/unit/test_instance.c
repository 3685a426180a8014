/* tests/unit/test_instance.c: the arena, interning, the instance builder and freeze, and the
 * candidate builder, on instances built record by record. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_candidates.h"
#include "advmatch/am_instance.h"
#include "advmatch/am_intern.h"
#include "am_test.h"

START_TEST(arena_allocations_are_aligned_zeroed_and_survive_growth)
{
    am_arena *a = am_arena_new();
    ck_assert_ptr_nonnull(a);
    for (size_t align = 1; align <= 64; align *= 2) {
        unsigned char *p = am_arena_alloc(a, 100000, align);
        ck_assert_ptr_nonnull(p);
        ck_assert_uint_eq((uintptr_t)p % align, 0);
        ck_assert_uint_eq(p[0] | p[99999], 0);
        memset(p, 0xab, 100000);
    }
    int *v = NULL;
    size_t cap = 0;
    for (int i = 0; i < 5000; i++) {
        ck_assert_int_eq(am_arena_grow(a, (void **)&v, &cap, (size_t)i + 1, sizeof(int), _Alignof(int)), 0);
        v[i] = i;
    }
    for (int i = 0; i < 5000; i++)
        ck_assert_int_eq(v[i], i);
    ck_assert_ptr_null(AM_ARENA_ARRAY(a, double, SIZE_MAX / 4));
    am_arena_free(a);
    am_arena_free(NULL);
}
END_TEST

START_TEST(arena_failure_injection_fails_the_chosen_allocation)
{
    am_arena *a = am_arena_new();
    am_arena_fail_after(0);
    ck_assert_ptr_null(am_arena_alloc(a, 1 << 20, 8)); /* needs a new block: fails */
    ck_assert_ptr_nonnull(am_arena_alloc(a, 1 << 20, 8)); /* injection is one-shot */
    am_arena_free(a);
}
END_TEST

START_TEST(interning_gives_dense_ids_in_order_of_first_appearance)
{
    am_arena *a = am_arena_new();
    am_intern *t = am_intern_new(a);
    char buf[32];
    for (int i = 0; i < 1000; i++) {
        snprintf(buf, sizeof buf, "field%d", i);
        ck_assert_int_eq(am_intern_get(t, buf, strlen(buf)), i);
    }
    ck_assert_int_eq(am_intern_get(t, "field17", 7), 17);
    ck_assert_int_eq(am_intern_find(t, "field999", 8), 999);
    ck_assert_int_eq(am_intern_find(t, "nope", 4), -1);
    ck_assert_str_eq(am_intern_str(t, 42), "field42");
    ck_assert_int_eq(am_intern_count(t), 1000);
    am_arena_free(a);
}
END_TEST

/* A small world: Guizhou (52, paired with Guangdong 44), Guangdong, Beijing (11). */
static am_instance *world(void)
{
    am_instance *inst = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_instance_new(&inst, &err), AM_OK);
    const char *gd[] = {"44"};
    am_province_rec p52 = {"52", "贵州省", AM_REGION_WEST, gd, 1};
    am_province_rec p44 = {"44", "广东省", AM_REGION_EAST, NULL, 0};
    am_province_rec p11 = {"11", "北京市", AM_REGION_EAST, NULL, 0};
    ck_assert_int_eq(am_instance_add_province(inst, &p52, &err), AM_OK);
    ck_assert_int_eq(am_instance_add_province(inst, &p44, &err), AM_OK);
    ck_assert_int_eq(am_instance_add_province(inst, &p11, &err), AM_OK);
    am_industry_rec tea[] = {{"tea", 3}, {"kiwifruit", 2}};
    const char *rec[] = {"L2"};
    am_county_rec c1 = {.id = "520623", .name = "石阡县", .province = "52", .industries = tea,
                        .n_industries = 2, .stages = 1u << AM_STAGE_PRODUCTION, .priority = 2,
                        .recommended = rec, .n_recommended = 1};
    ck_assert_int_eq(am_instance_add_county(inst, &c1, &err), AM_OK);
    const char *f_tea[] = {"tea"}, *f_both[] = {"kiwifruit", "tea"}, *f_none[] = {"walnut"};
    const char *dec[] = {"520623"};
    am_expert_rec e[] = {
        {.id = "N1", .name = "王", .level = AM_LEVEL_NATIONAL, .org = "中国农业大学", .province = "11",
         .fields = f_both, .n_fields = 2, .capacity = 1, .leader_capacity = 1, .active = true},
        {.id = "G1", .name = "李", .level = AM_LEVEL_PROVINCIAL, .org = "华南农业大学", .province = "44",
         .fields = f_tea, .n_fields = 1, .capacity = 1, .leader_capacity = 1, .active = true},
        {.id = "L1", .name = "张", .level = AM_LEVEL_LOCAL, .org = "石阡县农业农村局", .province = "52",
         .county = "520623", .fields = f_tea, .n_fields = 1, .capacity = 1, .active = true},
        {.id = "L2", .name = "刘", .level = AM_LEVEL_LOCAL, .org = "石阡县茶业中心", .province = "52",
         .county = "520623", .capacity = 1, .active = true},
        {.id = "P1", .name = "陈", .level = AM_LEVEL_PROVINCIAL, .org = "贵州大学", .province = "52",
         .fields = f_none, .n_fields = 1, .capacity = 1, .active = true},
        {.id = "P2", .name = "杨", .level = AM_LEVEL_PROVINCIAL, .org = "贵州大学", .province = "52",
         .fields = f_tea, .n_fields = 1, .capacity = 1, .active = true, .declines = dec,
         .n_declines = 1},
    };
    for (size_t i = 0; i < sizeof e / sizeof e[0]; i++)
        ck_assert_int_eq(am_instance_add_expert(inst, &e[i], &err), AM_OK);
    am_diags *d = am_diags_new();
    ck_assert_int_eq(am_instance_freeze(inst, d, &err), AM_OK);
    ck_assert_int_eq(am_diags_n_errors(d), 0);
    am_diags_free(d);
    return inst;
}

START_TEST(freeze_sorts_records_and_resolves_references)
{
    am_instance *inst = world();
    ck_assert_str_eq(am_instance_province(inst, 0)->code, "11");
    ck_assert_str_eq(am_instance_expert(inst, 0)->id, "G1");
    int l1 = am_instance_find_expert(inst, "L1");
    ck_assert_int_eq(am_instance_expert(inst, l1)->county, am_instance_find_county(inst, "520623"));
    const am_province *gz = am_instance_province(inst, am_instance_find_province(inst, "52"));
    ck_assert_int_eq(gz->n_paired, 1);
    ck_assert_int_eq(gz->paired[0], am_instance_find_province(inst, "44"));
    char label[64];
    ck_assert_str_eq(am_instance_expert_label(inst, l1, label, sizeof label), "experts[2] id \"L1\"");
    am_instance_free(inst);
}
END_TEST

START_TEST(freeze_reports_duplicates_and_unknown_references)
{
    am_instance *inst = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_instance_new(&inst, &err), AM_OK);
    am_province_rec p = {"52", "贵州省", AM_REGION_WEST, NULL, 0};
    am_industry_rec tea[] = {{"tea", 3}};
    am_county_rec c = {.id = "520623", .name = "石阡县", .province = "53", .industries = tea,
                       .n_industries = 1, .priority = 1};
    am_expert_rec e = {.id = "E1", .name = "王", .level = AM_LEVEL_LOCAL, .org = "x",
                       .province = "52", .county = "999999", .capacity = 1, .active = true};
    am_instance_add_province(inst, &p, &err);
    am_instance_add_county(inst, &c, &err);
    am_instance_add_expert(inst, &e, &err);
    am_instance_add_expert(inst, &e, &err);
    am_diags *d = am_diags_new();
    ck_assert_int_eq(am_instance_freeze(inst, d, &err), AM_OK);
    char *text = amt_diags_text(d);
    ck_assert_ptr_nonnull(strstr(text, "error: counties[0] id \"520623\": province: unknown province \"53\""));
    ck_assert_ptr_nonnull(strstr(text, "error: experts[1] id \"E1\": id: duplicate id \"E1\" (first at experts[0])"));
    ck_assert_ptr_nonnull(strstr(text, "error: experts[0] id \"E1\": county: unknown home county \"999999\""));
    ck_assert_int_eq(am_instance_n_experts(inst), 1);
    free(text);
    am_diags_free(d);
    am_instance_free(inst);
}
END_TEST

/* 石阡县 (priority 2, tea 3, kiwifruit 2; recommended L2 only). N1 national with both fields:
 * candidate, can lead, score 2 x 5 = 10, channel national. G1 from Guangdong (the partner):
 * paired, 2 x 3 = 6. L1 is local but not recommended: not a candidate. L2 recommended, no
 * field: local, score 0. P1 shares no field, P2 declines: neither. */
START_TEST(candidates_follow_the_eligibility_rules)
{
    am_instance *inst = world();
    am_arena *a = am_arena_new();
    am_candidates *cs = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_candidates_build(inst, a, &cs, &err), AM_OK);
    ck_assert_int_eq(cs->n_pairs, 3);
    const char *ids[] = {"G1", "L2", "N1"};
    const unsigned flags[] = {AM_CAND_PAIRED, AM_CAND_LOCAL | AM_CAND_PROVINCE,
                              AM_CAND_NATIONAL | AM_CAND_CAN_LEAD};
    const am_channel ch[] = {AM_CHANNEL_PAIRED, AM_CHANNEL_LOCAL, AM_CHANNEL_NATIONAL};
    const long long score[] = {6, 0, 10};
    for (int k = 0; k < 3; k++) {
        const am_cand *cd = &cs->cands[k];
        ck_assert_str_eq(am_instance_expert(inst, cd->expert)->id, ids[k]);
        ck_assert_uint_eq(cd->flags, flags[k]);
        ck_assert_int_eq(cd->channel, ch[k]);
        ck_assert_int_eq(cd->score, score[k]);
    }
    ck_assert_uint_eq(cs->cands[2].industries, 3u); /* N1 covers both industries */
    am_arena_free(a);
    am_instance_free(inst);
}
END_TEST

static Suite *instance_suite(void)
{
    Suite *s = suite_create("instance");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, arena_allocations_are_aligned_zeroed_and_survive_growth);
    tcase_add_test(tc, arena_failure_injection_fails_the_chosen_allocation);
    tcase_add_test(tc, interning_gives_dense_ids_in_order_of_first_appearance);
    tcase_add_test(tc, freeze_sorts_records_and_resolves_references);
    tcase_add_test(tc, freeze_reports_duplicates_and_unknown_references);
    tcase_add_test(tc, candidates_follow_the_eligibility_rules);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(instance_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
