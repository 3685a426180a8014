/* tests/unit/test_gen.c: the instance generator (am_gen). Sizes and ids of the default
 * instance, counties drawn from the real non-key-support program counties, determinism in the
 * seed, the province filter with its partners and Beijing, impossible parameters, validity over
 * many seeds and sizes, the level mix, usefulness for matching, and out of memory at every
 * allocation (no leak under the sanitizer build). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_gen.h"
#include "advmatch/am_validate.h"
#include "am_test.h"

static am_instance *gen(int n_counties, int n_experts, unsigned long long seed, const char *prov)
{
    am_gen_params p;
    am_gen_params_init(&p);
    p.n_counties = n_counties;
    p.n_experts = n_experts;
    p.seed = seed;
    p.province = prov;
    am_instance *inst = NULL;
    am_error err = {0};
    am_status st = am_gen_instance(&p, &inst, &err);
    ck_assert_msg(st == AM_OK, "gen(%d, %d, %llu): %s: %s", n_counties, n_experts, seed,
                  am_status_name(st), err.message);
    ck_assert_ptr_nonnull(inst);
    return inst;
}

static am_status gen_fail(int n_counties, const char *prov, am_error *err)
{
    am_gen_params p;
    am_gen_params_init(&p);
    p.n_counties = n_counties;
    p.province = prov;
    am_instance *inst = (am_instance *)&p; /* must be reset to NULL */
    am_status st = am_gen_instance(&p, &inst, err);
    ck_assert_ptr_null(inst);
    return st;
}

/* key_support column of county `id` in counties.csv: "0", "1", "" or NULL if absent. */
static const char *key_support_of(const char *csv, const char *id, char *buf)
{
    char pat[16];
    snprintf(pat, sizeof pat, "\n%s,", id);
    const char *line = strstr(csv, pat);
    if (!line)
        return NULL;
    line++;
    for (int i = 0; i < 9; i++) /* the quoted note comes after column 10 */
        line = strchr(line, ',') + 1;
    size_t n = strcspn(line, ",");
    memcpy(buf, line, n);
    buf[n] = '\0';
    return buf;
}

START_TEST(gen_defaults_give_30_real_counties_and_600_numbered_experts)
{
    am_gen_params p;
    am_gen_params_init(&p);
    ck_assert_int_eq(p.n_counties, 30);
    ck_assert_int_eq(p.n_experts, 600);
    ck_assert(p.seed == 1);
    ck_assert_ptr_null(p.province);
    am_instance *inst = gen(30, 600, 1, NULL);
    ck_assert_int_eq(am_instance_n_counties(inst), 30);
    ck_assert_int_eq(am_instance_n_experts(inst), 600);
    for (int i = 0; i < 600; i++) {
        char want[16];
        snprintf(want, sizeof want, "E%05d", i + 1);
        ck_assert_str_eq(am_instance_expert(inst, i)->id, want);
    }
    char *csv = amt_slurp("fixtures/reference/counties.csv", NULL);
    for (int c = 0; c < 30; c++) {
        const am_county *cy = am_instance_county(inst, c);
        char buf[64];
        ck_assert_int_eq((int)strlen(cy->id), 6);
        const char *ks = key_support_of(csv, cy->id, buf);
        ck_assert_msg(ks != NULL, "county %s is not in counties.csv", cy->id);
        ck_assert_msg(strcmp(ks, "1") != 0, "county %s is a key support county", cy->id);
        ck_assert_int_eq(strncmp(am_instance_province(inst, cy->province)->code, cy->id, 2), 0);
    }
    free(csv);
    am_instance_free(inst);
}
END_TEST

START_TEST(gen_same_seed_gives_the_same_instance)
{
    am_instance *a = gen(30, 600, 7, NULL), *b = gen(30, 600, 7, NULL);
    ck_assert_int_eq(am_instance_n_provinces(a), am_instance_n_provinces(b));
    for (int c = 0; c < 30; c++) {
        const am_county *x = am_instance_county(a, c), *y = am_instance_county(b, c);
        ck_assert_str_eq(x->id, y->id);
        ck_assert_int_eq(x->n_industries, y->n_industries);
        for (int k = 0; k < x->n_industries; k++)
            ck_assert_str_eq(am_instance_field_name(a, x->industries[k].field),
                             am_instance_field_name(b, y->industries[k].field));
        ck_assert_uint_eq(x->stages, y->stages);
        ck_assert_int_eq(x->n_recommended, y->n_recommended);
    }
    for (int e = 0; e < 600; e++) {
        const am_expert *x = am_instance_expert(a, e), *y = am_instance_expert(b, e);
        ck_assert_str_eq(x->name, y->name);
        ck_assert_str_eq(am_instance_org_name(a, x->org), am_instance_org_name(b, y->org));
        ck_assert_int_eq(x->n_fields, y->n_fields);
        for (int k = 0; k < x->n_fields; k++)
            ck_assert_str_eq(am_instance_field_name(a, x->fields[k]),
                             am_instance_field_name(b, y->fields[k]));
        ck_assert_int_eq(x->level, y->level);
        ck_assert_int_eq(x->capacity, y->capacity);
    }
    am_instance_free(a);
    am_instance_free(b);
}
END_TEST

START_TEST(gen_another_seed_gives_other_counties)
{
    am_instance *a = gen(30, 600, 1, NULL), *b = gen(30, 600, 2, NULL);
    int same = 0;
    for (int c = 0; c < 30; c++)
        same += am_instance_find_county(b, am_instance_county(a, c)->id) >= 0;
    ck_assert_int_lt(same, 30);
    am_instance_free(a);
    am_instance_free(b);
}
END_TEST

START_TEST(gen_province_filter_keeps_its_counties_partners_and_beijing)
{
    am_instance *inst = gen(10, 200, 3, "52");
    for (int c = 0; c < am_instance_n_counties(inst); c++)
        ck_assert_int_eq(strncmp(am_instance_county(inst, c)->id, "52", 2), 0);
    int gz = am_instance_find_province(inst, "52");
    ck_assert_int_ge(gz, 0);
    ck_assert_int_ge(am_instance_find_province(inst, "11"), 0);
    int gd = am_instance_find_province(inst, "44");
    ck_assert_int_ge(gd, 0);
    const am_province *pv = am_instance_province(inst, gz);
    ck_assert_int_eq(pv->n_paired, 1);
    ck_assert_int_eq(pv->paired[0], gd);
    ck_assert_str_eq(pv->name, "贵州省");
    ck_assert_int_eq(pv->region, AM_REGION_WEST);
    am_instance_free(inst);
    /* Gansu has two partners, Tianjin and Shandong */
    inst = gen(5, 100, 3, "62");
    ck_assert_int_eq(am_instance_province(inst, am_instance_find_province(inst, "62"))->n_paired, 2);
    am_instance_free(inst);
}
END_TEST

START_TEST(gen_rejects_impossible_parameters)
{
    am_error err = {0};
    ck_assert_int_eq(gen_fail(10000, NULL, &err), AM_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.message, "only 738 program counties"));
    am_error_clear(&err);
    ck_assert_int_eq(gen_fail(47, "52", &err), AM_EINPUT); /* Guizhou has 46 */
    ck_assert_ptr_nonnull(strstr(err.message, "only 46"));
    am_error_clear(&err);
    ck_assert_int_eq(gen_fail(5, "99", &err), AM_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.message, "99"));
    am_error_clear(&err);
    ck_assert_int_eq(gen_fail(5, "11", &err), AM_EINPUT);
    ck_assert_str_eq(err.message, "province 11 has no program counties");
    am_error_clear(&err);
    ck_assert_int_eq(gen_fail(0, NULL, &err), AM_EINPUT);
}
END_TEST

START_TEST(gen_instances_validate_for_many_seeds_and_sizes)
{
    static const int sizes[][2] = {{5, 100}, {30, 600}, {100, 2000}};
    for (int s = 0; s < 3; s++) {
        for (unsigned long long seed = 1; seed <= 20; seed++) {
            am_instance *inst = gen(sizes[s][0], sizes[s][1], seed, NULL);
            am_diags *d = am_diags_new();
            am_error err = {0};
            ck_assert_int_eq(am_validate(inst, d, &err), AM_OK);
            ck_assert_int_eq(am_diags_n_errors(d), 0);
            ck_assert_int_eq(am_instance_n_counties(inst), sizes[s][0]);
            ck_assert_int_eq(am_instance_n_experts(inst), sizes[s][1]);
            am_diags_free(d);
            am_instance_free(inst);
        }
    }
}
END_TEST

START_TEST(gen_level_mix_and_county_needs_are_as_documented)
{
    am_instance *inst = gen(30, 600, 5, NULL);
    int n[3] = {0, 0, 0};
    for (int e = 0; e < 600; e++) {
        const am_expert *x = am_instance_expert(inst, e);
        n[x->level]++;
        if (x->level == AM_LEVEL_LOCAL) {
            ck_assert_int_ge(x->county, 0);
            ck_assert_int_eq(x->capacity, 1);
            ck_assert_int_eq(x->leader_capacity, 0);
        } else {
            ck_assert_int_eq(x->county, -1);
        }
        ck_assert_int_ge(x->n_fields, 1);
        ck_assert_uint_ne(x->stages, 0);
    }
    ck_assert_int_ge(n[AM_LEVEL_NATIONAL], 24); /* 4% .. 12% */
    ck_assert_int_le(n[AM_LEVEL_NATIONAL], 72);
    ck_assert_int_ge(n[AM_LEVEL_LOCAL], 90); /* about 25% */
    ck_assert_int_le(n[AM_LEVEL_LOCAL], 210);
    for (int c = 0; c < 30; c++) {
        const am_county *cy = am_instance_county(inst, c);
        ck_assert_int_ge(cy->n_industries, 2);
        ck_assert_int_le(cy->n_industries, 4);
        ck_assert_int_eq(cy->industries[0].weight, 3);
        ck_assert(cy->stages & (1u << AM_STAGE_PRODUCTION));
    }
    am_instance_free(inst);
}
END_TEST

/* Every county can get a national leader, its own local members, members from its eastern
 * partner and experts for its main industry. */
START_TEST(gen_every_county_can_be_served)
{
    for (unsigned long long seed = 1; seed <= 5; seed++) {
        am_instance *inst = gen(30, 600, seed, NULL);
        for (int c = 0; c < 30; c++) {
            const am_county *cy = am_instance_county(inst, c);
            const am_province *pv = am_instance_province(inst, cy->province);
            int leaders = 0, locals = 0, pairing = 0, main_field = 0;
            for (int e = 0; e < am_instance_n_experts(inst); e++) {
                const am_expert *x = am_instance_expert(inst, e);
                leaders += x->level == AM_LEVEL_NATIONAL && x->leader_capacity > 0;
                locals += x->county == c;
                pairing += am_index_in(pv->paired, pv->n_paired, x->province);
                main_field += am_expert_has_field(x, cy->industries[0].field);
            }
            ck_assert_int_ge(leaders, 1);
            ck_assert_int_ge(locals, 1);
            if (pv->n_paired > 0)
                ck_assert_int_ge(pairing, 2);
            ck_assert_msg(main_field >= 3, "county %s: %d experts for its main industry",
                          cy->id, main_field);
        }
        am_instance_free(inst);
    }
}
END_TEST

START_TEST(gen_out_of_memory_at_every_step_returns_nomem)
{
    am_gen_params p;
    am_gen_params_init(&p);
    p.n_counties = 5;
    p.n_experts = 60;
    int n_failed = 0;
    for (long n = 0; n < 100000; n++) {
        am_instance *inst = NULL;
        am_error err = {0};
        am_arena_fail_after(n);
        am_status st = am_gen_instance(&p, &inst, &err);
        am_arena_fail_after(-1);
        if (st == AM_OK) {
            ck_assert_int_eq(am_instance_n_experts(inst), 60);
            am_instance_free(inst);
            break;
        }
        ck_assert_msg(st == AM_ENOMEM, "n=%ld: status %s (%s)", n, am_status_name(st),
                      err.message);
        ck_assert_ptr_null(inst);
        n_failed++;
    }
    ck_assert_int_gt(n_failed, 3);
}
END_TEST

static Suite *gen_suite(void)
{
    Suite *s = suite_create("gen");
    TCase *tc = tcase_create("gen");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, gen_defaults_give_30_real_counties_and_600_numbered_experts);
    tcase_add_test(tc, gen_same_seed_gives_the_same_instance);
    tcase_add_test(tc, gen_another_seed_gives_other_counties);
    tcase_add_test(tc, gen_province_filter_keeps_its_counties_partners_and_beijing);
    tcase_add_test(tc, gen_rejects_impossible_parameters);
    tcase_add_test(tc, gen_instances_validate_for_many_seeds_and_sizes);
    tcase_add_test(tc, gen_level_mix_and_county_needs_are_as_documented);
    tcase_add_test(tc, gen_every_county_can_be_served);
    tcase_add_test(tc, gen_out_of_memory_at_every_step_returns_nomem);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(gen_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
