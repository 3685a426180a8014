/* tests/support/amt_check_fixture.c: the checker tests' hand-built instance and the helpers
 * that build, run and judge results on it (declared and described in am_test.h). */
#include "am_test.h"

#include "advmatch/am_check.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the checker's hand-built instance (declared and described in am_test.h) ---- */
static const char *const gd[] = {"44"};
static const char *const n1[] = {"N1"};
static const char *const recs[] = {"L1", "L3"};
static const char *const county_a[] = {"520623"};
static const char *const f_tea[] = {"tea"}, *const f_kiwi[] = {"kiwifruit"};
static const char *const f_coffee[] = {"coffee"}, *const f_walnut[] = {"walnut"};
static const char *const f_tea_coffee[] = {"tea", "coffee"};

#define PROD (1u << AM_STAGE_PRODUCTION)
#define PROC (1u << AM_STAGE_PROCESSING)

static void add_expert(am_instance *inst, const char *id, am_level level, const char *prov,
                       const char *org, const char *const *fields, int n_fields, unsigned stages)
{
    am_error err = {0};
    am_expert_rec r = {.id = id,
                       .name = id,
                       .level = level,
                       .org = org,
                       .province = prov,
                       .fields = fields,
                       .n_fields = n_fields,
                       .stages = stages,
                       .capacity = 1,
                       .leader_capacity = 1,
                       .active = true};
    if (strcmp(id, "N1") == 0) {
        r.capacity = 2;
        r.prefers = county_a;
        r.n_prefers = 1;
    }
    if (strcmp(id, "N3") == 0)
        r.leader_capacity = 0;
    if (strcmp(id, "C0") == 0)
        r.capacity = 0;
    if (id[0] == 'L')
        r.county = "520623";
    if (strcmp(id, "D1") == 0) {
        r.declines = county_a;
        r.n_declines = 1;
    }
    if (strcmp(id, "I1") == 0)
        r.active = false;
    ck_assert_int_eq(am_instance_add_expert(inst, &r, &err), AM_OK);
}

am_instance *amt_check_instance(const am_policy *pol)
{
    am_instance *inst = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_instance_new(&inst, &err), AM_OK);
    am_instance_set_policy(inst, pol);
    am_province_rec p[] = {{"52", "贵州省", AM_REGION_WEST, gd, 1},
                           {"44", "广东省", AM_REGION_EAST, NULL, 0},
                           {"11", "北京市", AM_REGION_EAST, NULL, 0},
                           {"53", "云南省", AM_REGION_WEST, NULL, 0}};
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(am_instance_add_province(inst, &p[i], &err), AM_OK);
    am_industry_rec ia[] = {{"tea", 3}, {"kiwifruit", 2}}, ib[] = {{"coffee", 2}};
    am_county_rec a = {.id = "520623",
                       .name = "石阡县",
                       .province = "52",
                       .industries = ia,
                       .n_industries = 2,
                       .stages = PROD | PROC,
                       .priority = 2,
                       .prefers = n1,
                       .n_prefers = 1,
                       .recommended = recs,
                       .n_recommended = 2};
    am_county_rec b = {.id = "530128",
                       .name = "禄劝县",
                       .province = "53",
                       .industries = ib,
                       .n_industries = 1,
                       .stages = PROD,
                       .priority = 1};
    ck_assert_int_eq(am_instance_add_county(inst, &a, &err), AM_OK);
    ck_assert_int_eq(am_instance_add_county(inst, &b, &err), AM_OK);
    add_expert(inst, "N1", AM_LEVEL_NATIONAL, "11", "CAAS", f_tea_coffee, 2, PROD);
    add_expert(inst, "N2", AM_LEVEL_NATIONAL, "11", "CAU", f_kiwi, 1, PROC);
    add_expert(inst, "N3", AM_LEVEL_NATIONAL, "11", "NJAU", f_tea, 1, 0);
    add_expert(inst, "N4", AM_LEVEL_NATIONAL, "11", "HZAU", f_tea_coffee, 2, 0);
    add_expert(inst, "G1", AM_LEVEL_PROVINCIAL, "44", "SCAU", f_tea, 1, PROD);
    add_expert(inst, "G2", AM_LEVEL_NATIONAL, "44", "SCAU", f_tea, 1, 0);
    add_expert(inst, "L1", AM_LEVEL_LOCAL, "52", "Shiqian bureau", NULL, 0, PROD);
    add_expert(inst, "L2", AM_LEVEL_LOCAL, "52", "Shiqian tea", f_tea, 1, 0);
    add_expert(inst, "L3", AM_LEVEL_LOCAL, "52", "Shiqian farm", f_tea, 1, 0);
    add_expert(inst, "P1", AM_LEVEL_PROVINCIAL, "52", "GZU", f_tea, 1, 0);
    add_expert(inst, "P2", AM_LEVEL_PROVINCIAL, "52", "GZU", f_walnut, 1, 0);
    add_expert(inst, "P3", AM_LEVEL_PROVINCIAL, "52", "GZU", f_kiwi, 1, 0);
    add_expert(inst, "C0", AM_LEVEL_PROVINCIAL, "52", "GZU2", f_tea, 1, 0);
    add_expert(inst, "D1", AM_LEVEL_PROVINCIAL, "52", "GZU3", f_tea, 1, 0);
    add_expert(inst, "I1", AM_LEVEL_PROVINCIAL, "52", "GZU4", f_tea, 1, 0);
    add_expert(inst, "X1", AM_LEVEL_PROVINCIAL, "11", "BJ", f_tea, 1, 0);
    add_expert(inst, "Y1", AM_LEVEL_PROVINCIAL, "53", "YNAU", f_coffee, 1, PROD);
    am_diags *d = am_diags_new();
    ck_assert_int_eq(am_instance_freeze(inst, d, &err), AM_OK);
    ck_assert_int_eq(am_diags_count(d), 0);
    am_diags_free(d);
    return inst;
}

am_policy amt_check_policy(void)
{
    am_policy p;
    am_policy_init(&p);
    p.size_min = 3;
    p.size_target = 4;
    p.size_max = 5;
    p.local_min = p.local_max = 1;
    p.pairing_min = p.pairing_max = 1;
    p.max_same_org = 2;
    return p;
}

void amt_check_add(am_result *res, const am_instance *inst, const char *county, const char *id,
                   char role, am_channel ch, long long score)
{
    am_error err = {0};
    int c = am_instance_find_county(inst, county), e = am_instance_find_expert(inst, id);
    ck_assert_int_ge(c, 0);
    ck_assert_int_ge(e, 0);
    am_member m = {e, id, role == 'L' ? AM_ROLE_LEADER : AM_ROLE_MEMBER, ch, score};
    ck_assert_int_eq(am_result_add_member(res, c, &m, &err), AM_OK);
}

void amt_check_add_short(am_result *res, const am_instance *inst, const char *county,
                         am_rule rule, int missing, const char *detail)
{
    am_error err = {0};
    int c = am_instance_find_county(inst, county);
    ck_assert_int_eq(am_result_add_shortfall(res, c, rule, missing, detail, &err), AM_OK);
}

am_result *amt_check_correct_result(const am_instance *inst, long long objective)
{
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_result_new(inst, &res, &err), AM_OK);
    amt_check_add(res, inst, "520623", "N1", 'L', AM_CHANNEL_NATIONAL, 10);
    amt_check_add(res, inst, "520623", "L1", 'M', AM_CHANNEL_LOCAL, 0);
    amt_check_add(res, inst, "520623", "G1", 'M', AM_CHANNEL_PAIRED, 6);
    amt_check_add(res, inst, "520623", "P1", 'M', AM_CHANNEL_PROVINCE, 6);
    amt_check_add_short(res, inst, "520623", AM_RULE_INDUSTRY, 1, "kiwifruit");
    amt_check_add_short(res, inst, "520623", AM_RULE_STAGE, 1, "processing");
    amt_check_add(res, inst, "530128", "Y1", 'M', AM_CHANNEL_PROVINCE, 2);
    amt_check_add_short(res, inst, "530128", AM_RULE_SIZE, 2, "");
    amt_check_add_short(res, inst, "530128", AM_RULE_LEADER, 1, "");
    amt_check_add_short(res, inst, "530128", AM_RULE_LOCAL, 1, "");
    am_result_set_outcome(res, AM_OUTCOME_OPTIMAL, objective, true, (double)objective, 0.0);
    return res;
}

char *amt_check_run(const am_instance *inst, am_result *res, am_check_report *rep)
{
    am_error err = {0};
    am_diags *d = am_diags_new();
    ck_assert_ptr_nonnull(d);
    am_result_finish(res);
    ck_assert_int_eq(am_check(inst, res, d, rep, &err), AM_OK);
    ck_assert_int_eq(am_diags_n_errors(d), rep->n_violations + rep->n_mismatches);
    char *text = amt_diags_text(d);
    am_diags_free(d);
    return text;
}

void amt_check_expect(const am_instance *inst, am_result *res, int n_violations,
                      int n_mismatches, const char *text)
{
    am_check_report rep;
    char *got = amt_check_run(inst, res, &rep);
    ck_assert_str_eq(got, text);
    ck_assert_int_eq(rep.n_violations, n_violations);
    ck_assert_int_eq(rep.n_mismatches, n_mismatches);
    free(got);
}
