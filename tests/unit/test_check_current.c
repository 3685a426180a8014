/* tests/unit/test_check_current.c: the independent checker and the current memberships. A tiny
 * instance whose objective is worked out below; a result that keeps every current membership
 * (no finding), one that drops an unlocked membership (lower by exactly change x priority),
 * one that drops or changes a locked one (a violation of rule "locked"), and one that changes
 * the role of an unlocked membership (free). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_check.h"
#include "am_test.h"

/* The instance. Guizhou 52 (west, no partner), Beijing 11 (east).
 *   A = 520623 (52), priority 2, one industry tea (weight 1), no stages, no recommended list.
 * Experts: N1 national 11 {tea}, N2 national 11 {tea}, P1 provincial 52 {tea},
 *          L1 local 52 home A, no field; each capacity 1, leader capacity 1, own organisation.
 * Policy: size 0..4..4, local 0..2, pairing 0..2 (no shortfall can arise), max_same_org 3,
 *         default penalties, change 20, preference bonus 2 (no preferences).
 * Scores: N1, N2, P1: 2 x 1 (tea) = 2 each; L1 (local, no field) 0.
 * current (input order): [0] P1 member locked, [1] L1 member unlocked, [2] N1 leader locked,
 *                        [3] N2 member unlocked. */
static const char *const f_tea[] = {"tea"};

static am_instance *make_instance(void)
{
    am_instance *inst = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_instance_new(&inst, &err), AM_OK);
    am_policy pol;
    am_policy_init(&pol);
    pol.size_min = 0;
    pol.size_target = pol.size_max = 4;
    pol.local_min = pol.pairing_min = 0;
    ck_assert_int_eq(pol.pen_change, 20);
    am_instance_set_policy(inst, &pol);
    am_province_rec p[] = {{"52", "贵州省", AM_REGION_WEST, NULL, 0},
                           {"11", "北京市", AM_REGION_EAST, NULL, 0}};
    for (int i = 0; i < 2; i++)
        ck_assert_int_eq(am_instance_add_province(inst, &p[i], &err), AM_OK);
    am_industry_rec ia[] = {{"tea", 1}};
    am_county_rec a = {.id = "520623", .name = "石阡县", .province = "52", .industries = ia,
                       .n_industries = 1, .priority = 2};
    ck_assert_int_eq(am_instance_add_county(inst, &a, &err), AM_OK);
    static const struct {
        const char *id, *prov, *county;
        am_level level;
        int n_fields;
    } ex[] = {{"N1", "11", NULL, AM_LEVEL_NATIONAL, 1},
              {"N2", "11", NULL, AM_LEVEL_NATIONAL, 1},
              {"P1", "52", NULL, AM_LEVEL_PROVINCIAL, 1},
              {"L1", "52", "520623", AM_LEVEL_LOCAL, 0}};
    for (int i = 0; i < 4; i++) {
        am_expert_rec r = {.id = ex[i].id, .name = ex[i].id, .level = ex[i].level,
                           .org = ex[i].id, .province = ex[i].prov, .county = ex[i].county,
                           .fields = f_tea, .n_fields = ex[i].n_fields, .capacity = 1,
                           .leader_capacity = 1, .active = true};
        ck_assert_int_eq(am_instance_add_expert(inst, &r, &err), AM_OK);
    }
    am_current_rec cur[] = {{"520623", "P1", AM_ROLE_MEMBER, true},
                            {"520623", "L1", AM_ROLE_MEMBER, false},
                            {"520623", "N1", AM_ROLE_LEADER, true},
                            {"520623", "N2", AM_ROLE_MEMBER, false}};
    for (int i = 0; i < 4; i++)
        ck_assert_int_eq(am_instance_add_current(inst, &cur[i], &err), AM_OK);
    am_diags *d = am_diags_new();
    ck_assert_int_eq(am_instance_freeze(inst, d, &err), AM_OK);
    ck_assert_int_eq(am_diags_count(d), 0);
    am_diags_free(d);
    return inst;
}

/* A member of A's group as the result claims it. */
typedef struct claim {
    const char *id;
    am_role role;
    am_channel channel;
    long long score;
} claim;

#define LEAD AM_ROLE_LEADER
#define MEMB AM_ROLE_MEMBER

/* A result for A with the members `m`, claiming `objective` (no shortfall can arise here). */
static am_result *make_result(const am_instance *inst, const claim *m, int n, long long objective)
{
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_result_new(inst, &res, &err), AM_OK);
    for (int i = 0; i < n; i++) {
        int e = am_instance_find_expert(inst, m[i].id);
        ck_assert_int_ge(e, 0);
        am_member mem = {e, m[i].id, m[i].role, m[i].channel, m[i].score};
        ck_assert_int_eq(am_result_add_member(res, 0, &mem, &err), AM_OK);
    }
    am_result_set_outcome(res, AM_OUTCOME_OPTIMAL, objective, true, (double)objective, 0.0);
    am_result_finish(res);
    return res;
}

static const claim n1_leads = {"N1", LEAD, AM_CHANNEL_NATIONAL, 2};
static const claim n2 = {"N2", MEMB, AM_CHANNEL_NATIONAL, 2};
static const claim p1 = {"P1", MEMB, AM_CHANNEL_PROVINCE, 2};
static const claim l1 = {"L1", MEMB, AM_CHANNEL_LOCAL, 0};

/* Check and return the findings as text (caller frees); the report goes to *rep. */
static char *run_check(const am_instance *inst, const am_result *res, am_check_report *rep)
{
    am_error err = {0};
    am_diags *d = am_diags_new();
    ck_assert_int_eq(am_check(inst, res, d, rep, &err), AM_OK);
    ck_assert_int_eq(am_diags_n_errors(d), rep->n_violations + rep->n_mismatches);
    char *text = amt_diags_text(d);
    am_diags_free(d);
    return text;
}

/* Keep all four: scores 2 (N1) + 2 (N2) + 2 (P1) + 0 (L1) = 6, no penalty: objective 6. */
START_TEST(check_finds_nothing_when_every_current_membership_is_kept)
{
    am_instance *inst = make_instance();
    const claim m[] = {n1_leads, n2, p1, l1};
    am_result *res = make_result(inst, m, 4, 6);
    am_check_report rep;
    char *text = run_check(inst, res, &rep);
    ck_assert_str_eq(text, "");
    ck_assert_int_eq(rep.objective, 6);
    ck_assert_int_eq(rep.penalty, 0);
    ck_assert_int_eq(rep.n_dropped, 0);
    free(text);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

/* Drop the unlocked L1 (score 0, so the scores stay 6): one change, 20 x priority 2 = 40.
 * objective = 6 - 40 = -34, exactly change x priority below the 6 of keeping everything. */
START_TEST(check_charges_change_times_priority_for_a_dropped_unlocked_membership)
{
    am_instance *inst = make_instance();
    const claim m[] = {n1_leads, n2, p1};
    am_result *res = make_result(inst, m, 3, -34);
    am_check_report rep;
    char *text = run_check(inst, res, &rep);
    ck_assert_str_eq(text, "");
    ck_assert_int_eq(rep.score, 6);
    ck_assert_int_eq(rep.penalty, 40);
    ck_assert_int_eq(rep.objective, 6 - 20 * 2);
    ck_assert_int_eq(rep.n_dropped, 1);
    free(text);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

/* A claim that forgets the change penalty (6 instead of -34) is a mismatch. */
START_TEST(check_flags_an_objective_that_forgets_the_change_penalty)
{
    am_instance *inst = make_instance();
    const claim m[] = {n1_leads, n2, p1};
    am_result *res = make_result(inst, m, 3, 6);
    am_check_report rep;
    char *text = run_check(inst, res, &rep);
    ck_assert_str_eq(text, "error: result: objective: objective 6 claimed, -34 recomputed\n");
    ck_assert_int_eq(rep.n_mismatches, 1);
    free(text);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

/* Drop the locked P1: a violation on current[0] (its input position); no change penalty for a
 * locked membership. Scores 2 + 2 + 0 = 4, objective 4. */
START_TEST(check_flags_a_dropped_locked_membership)
{
    am_instance *inst = make_instance();
    const claim m[] = {n1_leads, n2, l1};
    am_result *res = make_result(inst, m, 3, 4);
    am_check_report rep;
    char *text = run_check(inst, res, &rep);
    ck_assert_str_eq(text, "error: current[0]: locked: expert \"P1\" is locked in the group of "
                           "county 520623 as member but is not in it\n");
    ck_assert_int_eq(rep.n_violations, 1);
    ck_assert_int_eq(rep.objective, 4);
    ck_assert_int_eq(rep.n_dropped, 0);
    free(text);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

/* N2 leads and the locked leader N1 is a member: a violation on current[2]. N2's role changed
 * but it was unlocked and is still a member: no penalty. Objective 6. */
START_TEST(check_flags_a_locked_role_change_but_not_an_unlocked_one)
{
    am_instance *inst = make_instance();
    const claim m[] = {{"N2", LEAD, AM_CHANNEL_NATIONAL, 2},
                       {"N1", MEMB, AM_CHANNEL_NATIONAL, 2}, p1, l1};
    am_result *res = make_result(inst, m, 4, 6);
    am_check_report rep;
    char *text = run_check(inst, res, &rep);
    ck_assert_str_eq(text, "error: current[2]: locked: expert \"N1\" is locked in the group of "
                           "county 520623 as leader but is listed as member\n");
    ck_assert_int_eq(rep.n_violations, 1);
    ck_assert_int_eq(rep.penalty, 0);
    free(text);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

static Suite *check_current_suite(void)
{
    Suite *s = suite_create("check_current");
    TCase *tc = tcase_create("current");
    tcase_add_test(tc, check_finds_nothing_when_every_current_membership_is_kept);
    tcase_add_test(tc, check_charges_change_times_priority_for_a_dropped_unlocked_membership);
    tcase_add_test(tc, check_flags_an_objective_that_forgets_the_change_penalty);
    tcase_add_test(tc, check_flags_a_dropped_locked_membership);
    tcase_add_test(tc, check_flags_a_locked_role_change_but_not_an_unlocked_one);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(check_current_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
