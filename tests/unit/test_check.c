/* tests/unit/test_check.c: the independent checker on a small hand-built instance and results
 * built member by member. One correct result whose objective is worked out below; then, for
 * every hard rule, a result that breaks it; then claimed channels, scores, shortfalls and
 * objectives that differ from the recomputed ones. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_check.h"
#include "am_test.h"

/* The instance. Guizhou 52 (west, partner Guangdong 44), Guangdong 44, Beijing 11, Yunnan 53
 * (west, no partner). Policy: size 3..4..5, local 1..1, pairing 1..1, max_same_org 2; default
 * penalties (leader 1000, size 100, local 100, pairing 100, industry 50, stage 30, over_target 4)
 * and preference bonus 2.
 *   A = 520623 (52), priority 2, tea w3 + kiwifruit w2, stages production + processing,
 *       prefers N1, recommends L1 and L3.
 *   B = 530128 (53), priority 1, coffee w2, stage production.
 * Experts (level, province, org, fields, stages, capacity/leader capacity):
 *   N1 national 11 CAAS {tea, coffee} production 2/1, prefers A
 *   N2 national 11 CAU {kiwifruit} processing 1/1
 *   N3 national 11 NJAU {tea} 1/0          N4 national 11 HZAU {tea, coffee} 1/1
 *   G1 provincial 44 SCAU {tea} production  G2 national 44 SCAU {tea}
 *   L1 local 52 home A, no fields, production   L2 local 52 home A {tea} (not recommended)
 *   L3 local 52 home A {tea}
 *   P1 provincial 52 GZU {tea}   P2 provincial 52 GZU {walnut}   P3 provincial 52 GZU {kiwifruit}
 *   C0 provincial 52 GZU2 {tea} capacity 0
 *   D1 provincial 52 GZU3 {tea} declines A   I1 provincial 52 GZU4 {tea} inactive
 *   X1 provincial 11 BJ {tea}    Y1 provincial 53 YNAU {coffee} production */
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

static am_instance *make_instance(const am_policy *pol)
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

static am_policy test_policy(void)
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

/* A member "ID:role:channel:score" of county `county`; role L = leader, M = member. */
static void add(am_result *res, const am_instance *inst, const char *county, const char *id,
                char role, am_channel ch, long long score)
{
    am_error err = {0};
    int c = am_instance_find_county(inst, county), e = am_instance_find_expert(inst, id);
    ck_assert_int_ge(c, 0);
    ck_assert_int_ge(e, 0);
    am_member m = {e, id, role == 'L' ? AM_ROLE_LEADER : AM_ROLE_MEMBER, ch, score};
    ck_assert_int_eq(am_result_add_member(res, c, &m, &err), AM_OK);
}

static void add_short(am_result *res, const am_instance *inst, const char *county, am_rule rule,
                      int missing, const char *detail)
{
    am_error err = {0};
    int c = am_instance_find_county(inst, county);
    ck_assert_int_eq(am_result_add_shortfall(res, c, rule, missing, detail, &err), AM_OK);
}

/* The correct result (priority of A = 2, of B = 1):
 *   A: N1 leader national: 2 x 3 (tea) + 2 (A prefers N1) + 2 (N1 prefers A) = 10
 *      L1 local: no field = 0;  G1 paired: 2 x 3 = 6;  P1 province: 2 x 3 = 6   -> scores 22
 *      4 members = target; one leader; one local; one paired; orgs all different.
 *      kiwifruit uncovered: 50 x 2 x 2 = 200; processing uncovered: 30 x 2 = 60 -> penalty 260
 *   B: Y1 province: 1 x 2 (coffee) = 2                                          -> scores 2
 *      size 1 < 3: 2 missing x 100 = 200; no leader 1000; no local member: 100;
 *      Yunnan has no partner, so no pairing shortfall; coffee and production covered
 *                                                                               -> penalty 1300
 *   objective = 22 + 2 - 260 - 1300 = -1536 */
static am_result *correct_result(const am_instance *inst, long long objective)
{
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_result_new(inst, &res, &err), AM_OK);
    add(res, inst, "520623", "N1", 'L', AM_CHANNEL_NATIONAL, 10);
    add(res, inst, "520623", "L1", 'M', AM_CHANNEL_LOCAL, 0);
    add(res, inst, "520623", "G1", 'M', AM_CHANNEL_PAIRED, 6);
    add(res, inst, "520623", "P1", 'M', AM_CHANNEL_PROVINCE, 6);
    add_short(res, inst, "520623", AM_RULE_INDUSTRY, 1, "kiwifruit");
    add_short(res, inst, "520623", AM_RULE_STAGE, 1, "processing");
    add(res, inst, "530128", "Y1", 'M', AM_CHANNEL_PROVINCE, 2);
    add_short(res, inst, "530128", AM_RULE_SIZE, 2, "");
    add_short(res, inst, "530128", AM_RULE_LEADER, 1, "");
    add_short(res, inst, "530128", AM_RULE_LOCAL, 1, "");
    am_result_set_outcome(res, AM_OUTCOME_OPTIMAL, objective, true, (double)objective, 0.0);
    return res;
}

/* Check `res` (finished here) and return the findings as text; caller frees. */
static char *run_check(const am_instance *inst, am_result *res, am_check_report *rep)
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

/* Check and expect exactly the given findings (lines, each ended by '\n'). */
static void expect(const am_instance *inst, am_result *res, int n_violations, int n_mismatches,
                   const char *text)
{
    am_check_report rep;
    char *got = run_check(inst, res, &rep);
    ck_assert_str_eq(got, text);
    ck_assert_int_eq(rep.n_violations, n_violations);
    ck_assert_int_eq(rep.n_mismatches, n_mismatches);
    free(got);
}

START_TEST(check_recomputes_the_hand_computed_objective_of_a_correct_result)
{
    am_policy pol = test_policy();
    am_instance *inst = make_instance(&pol);
    am_result *res = correct_result(inst, -1536);
    am_check_report rep;
    char *text = run_check(inst, res, &rep);
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
    am_policy pol = test_policy();
    am_instance *inst = make_instance(&pol);
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_result_new(inst, &res, &err), AM_OK);
    add(res, inst, "520623", "N1", 'L', AM_CHANNEL_NATIONAL, 10);
    add(res, inst, "520623", "L1", 'M', AM_CHANNEL_LOCAL, 0);
    add(res, inst, "520623", "G1", 'M', AM_CHANNEL_PAIRED, 6);
    add(res, inst, "520623", "P1", 'M', AM_CHANNEL_PROVINCE, 6);
    add(res, inst, "520623", "N2", 'M', AM_CHANNEL_NATIONAL, 4);
    add(res, inst, "530128", "Y1", 'M', AM_CHANNEL_PROVINCE, 2);
    add_short(res, inst, "530128", AM_RULE_SIZE, 2, "");
    add_short(res, inst, "530128", AM_RULE_LEADER, 1, "");
    add_short(res, inst, "530128", AM_RULE_LOCAL, 1, "");
    am_result_set_outcome(res, AM_OUTCOME_OPTIMAL, -1280, true, -1280.0, 0.0);
    am_check_report rep;
    char *text = run_check(inst, res, &rep);
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
    am_policy pol = test_policy();
    am_instance *inst = make_instance(&pol);
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_result_new(inst, &res, &err), AM_OK);
    add(res, inst, "530128", "Y1", 'M', AM_CHANNEL_PROVINCE, 2);
    add_short(res, inst, "530128", AM_RULE_SIZE, 2, "");
    add_short(res, inst, "530128", AM_RULE_LEADER, 1, "");
    add_short(res, inst, "530128", AM_RULE_LOCAL, 1, "");
    am_result_set_outcome(res, AM_OUTCOME_OPTIMAL, 2 - 1300 - 3620, false, 0.0, 0.0);
    expect(inst, res, 0, 8,
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

START_TEST(check_flags_a_group_above_the_maximum_size)
{
    am_policy pol = test_policy();
    pol.size_target = pol.size_max = 3;
    am_instance *inst = make_instance(&pol);
    /* 4 members, one above both target and max: the objective also moves by 4 x 2 = 8 */
    am_result *res = correct_result(inst, -1536 - 8);
    expect(inst, res, 1, 0,
           "error: county 520623: size: the group has 4 members, above max 3; remove 1\n");
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(check_flags_two_leaders_and_a_leader_below_national_level)
{
    am_policy pol = test_policy();
    am_instance *inst = make_instance(&pol);
    am_result *res = correct_result(inst, -1536 + 6);
    add(res, inst, "520623", "P3", 'L', AM_CHANNEL_PROVINCE, 4); /* covers kiwifruit */
    /* P3 adds 4 to the score, leaves kiwifruit covered (-200) and costs 4 x 2 over target:
     * claimed -1530 vs recomputed -1536 + 4 + 200 - 8 = -1340; the shortfall list changes */
    expect(inst, res, 2, 2,
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
    am_policy pol = test_policy();
    am_instance *inst = make_instance(&pol);
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_result_new(inst, &res, &err), AM_OK);
    /* N3 (leader capacity 0) leads B: no field shared with coffee either */
    add(res, inst, "530128", "N3", 'L', AM_CHANNEL_NATIONAL, 0);
    am_check_report rep;
    char *text = run_check(inst, res, &rep);
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
    am_policy pol = test_policy();
    am_instance *inst = make_instance(&pol);
    am_result *res = correct_result(inst, -1536 + 6 - 8);
    add(res, inst, "520623", "L3", 'M', AM_CHANNEL_LOCAL, 6); /* recommended, tea: 2 x 3 */
    expect(inst, res, 1, 0,
           "error: county 520623: local: the group has 2 local members, above max 1; remove 1\n");
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

/* G2 is national but from Guangdong, the partner province: it counts toward the pairing quota
 * and its channel is paired, not national. */
START_TEST(check_counts_a_national_expert_of_the_partner_province_as_paired)
{
    am_policy pol = test_policy();
    am_instance *inst = make_instance(&pol);
    am_result *res = correct_result(inst, -1536 + 6 - 8);
    add(res, inst, "520623", "G2", 'M', AM_CHANNEL_PAIRED, 6);
    expect(inst, res, 1, 0,
           "error: county 520623: pairing: the group has 2 members from a partner province, "
           "above max 1; remove 1\n");
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(check_flags_too_many_members_of_one_organisation)
{
    am_policy pol = test_policy();
    pol.max_same_org = 1;
    am_instance *inst = make_instance(&pol);
    /* G1 and G2 are both of SCAU; G2 also breaks the pairing cap */
    am_result *res = correct_result(inst, -1536 + 6 - 8);
    add(res, inst, "520623", "G2", 'M', AM_CHANNEL_PAIRED, 6);
    expect(inst, res, 2, 0,
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
    am_policy pol = test_policy();
    am_instance *inst = make_instance(&pol);
    /* N4 (capacity 1) sits in A (tea: 2 x 3 = 6) and in B (coffee: 1 x 2 = 2); C0 (capacity 0)
     * sits in B (no shared field: 0). A: score 28, penalty 260 + 8 over target = 268.
     * B: 3 members, size met; score 4, penalty 1000 + 100 = 1100.
     * objective = 28 + 4 - 268 - 1100 = -1336; B's claimed size shortfall is now wrong. */
    am_result *res = correct_result(inst, -1336);
    add(res, inst, "520623", "N4", 'M', AM_CHANNEL_NATIONAL, 6);
    add(res, inst, "530128", "N4", 'M', AM_CHANNEL_NATIONAL, 2);
    add(res, inst, "530128", "C0", 'M', AM_CHANNEL_NATIONAL, 0);
    am_check_report rep;
    char *text = run_check(inst, res, &rep);
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
    am_policy pol = test_policy();
    pol.size_max = 12;
    pol.max_same_org = 12;
    am_instance *inst = make_instance(&pol);
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_result_new(inst, &res, &err), AM_OK);
    add(res, inst, "520623", "I1", 'M', AM_CHANNEL_PROVINCE, 6);
    add(res, inst, "520623", "D1", 'M', AM_CHANNEL_PROVINCE, 6);
    add(res, inst, "520623", "L2", 'M', AM_CHANNEL_LOCAL, 6);
    add(res, inst, "520623", "P2", 'M', AM_CHANNEL_PROVINCE, 0);
    add(res, inst, "520623", "X1", 'M', AM_CHANNEL_NATIONAL, 6);
    am_check_report rep;
    char *text = run_check(inst, res, &rep);
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
    am_policy pol = test_policy();
    am_instance *inst = make_instance(&pol);
    am_result *res = correct_result(inst, -1536 + 6 - 8);
    add(res, inst, "520623", "P1", 'M', AM_CHANNEL_PROVINCE, 6);
    /* counted once toward capacity, so only the duplicate is reported */
    expect(inst, res, 1, 0,
           "error: county 520623: duplicate: expert \"P1\" is listed more than once in the "
           "group; keep one\n");
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(check_flags_counties_listed_twice_or_never)
{
    am_policy pol = test_policy();
    am_instance *inst = make_instance(&pol);
    am_result *res = correct_result(inst, -1536);
    am_result_mark_listed(res, am_instance_find_county(inst, "520623"));
    am_result_mark_listed(res, am_instance_find_county(inst, "520623"));
    expect(inst, res, 2, 0,
           "error: county 520623: group: the county is listed 2 times in the result; keep one "
           "group\n"
           "error: county 530128: group: the county has no group in the result; add one\n");
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(check_accepts_every_county_listed_once)
{
    am_policy pol = test_policy();
    am_instance *inst = make_instance(&pol);
    am_result *res = correct_result(inst, -1536);
    am_result_mark_listed(res, 0);
    am_result_mark_listed(res, 1);
    expect(inst, res, 0, 0, "");
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(check_flags_claimed_channels_and_scores_that_differ)
{
    am_policy pol = test_policy();
    am_instance *inst = make_instance(&pol);
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_result_new(inst, &res, &err), AM_OK);
    add(res, inst, "520623", "N1", 'L', AM_CHANNEL_NATIONAL, 6); /* forgot both preferences */
    add(res, inst, "520623", "L1", 'M', AM_CHANNEL_LOCAL, 0);
    add(res, inst, "520623", "G1", 'M', AM_CHANNEL_PROVINCE, 6); /* is paired */
    add(res, inst, "520623", "P1", 'M', AM_CHANNEL_PROVINCE, 6);
    add_short(res, inst, "520623", AM_RULE_INDUSTRY, 1, "kiwifruit");
    add_short(res, inst, "520623", AM_RULE_STAGE, 1, "processing");
    add(res, inst, "530128", "Y1", 'M', AM_CHANNEL_PROVINCE, 2);
    add_short(res, inst, "530128", AM_RULE_SIZE, 2, "");
    add_short(res, inst, "530128", AM_RULE_LEADER, 1, "");
    add_short(res, inst, "530128", AM_RULE_LOCAL, 1, "");
    am_result_set_outcome(res, AM_OUTCOME_OPTIMAL, -1536, true, -1536.0, 0.0);
    expect(inst, res, 0, 2,
           "error: county 520623: score: expert \"N1\" scores 10, claimed 6\n"
           "error: county 520623: channel: expert \"G1\" has channel paired, claimed province\n");
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(check_flags_claimed_shortfalls_that_differ)
{
    am_policy pol = test_policy();
    am_instance *inst = make_instance(&pol);
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_result_new(inst, &res, &err), AM_OK);
    add(res, inst, "520623", "N1", 'L', AM_CHANNEL_NATIONAL, 10);
    add(res, inst, "520623", "L1", 'M', AM_CHANNEL_LOCAL, 0);
    add(res, inst, "520623", "G1", 'M', AM_CHANNEL_PAIRED, 6);
    add(res, inst, "520623", "P1", 'M', AM_CHANNEL_PROVINCE, 6);
    add_short(res, inst, "520623", AM_RULE_INDUSTRY, 1, "kiwifruit");
    add_short(res, inst, "520623", AM_RULE_INDUSTRY, 1, "tea"); /* tea is covered */
    /* the processing stage is not claimed */
    add(res, inst, "530128", "Y1", 'M', AM_CHANNEL_PROVINCE, 2);
    add_short(res, inst, "530128", AM_RULE_LOCAL, 1, "");
    add_short(res, inst, "530128", AM_RULE_SIZE, 1, ""); /* 2 are missing */
    add_short(res, inst, "530128", AM_RULE_LEADER, 1, "");
    am_result_set_outcome(res, AM_OUTCOME_OPTIMAL, -1536, true, -1536.0, 0.0);
    expect(inst, res, 0, 3,
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
    am_policy pol = test_policy();
    am_instance *inst = make_instance(&pol);
    am_result *res = correct_result(inst, -1500);
    expect(inst, res, 0, 1,
           "error: result: objective: objective -1500 claimed, -1536 recomputed\n");
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(check_returns_nomem_when_its_scratch_arena_fails)
{
    am_policy pol = test_policy();
    am_instance *inst = make_instance(&pol);
    am_result *res = correct_result(inst, -1536);
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
    tc = tcase_create("hard_rules");
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
