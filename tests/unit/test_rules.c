/* tests/unit/test_rules.c: one hand-solved instance per domain rule (fixtures/rules/<rule>/),
 * solved by am_match (the fast path, then --exact) and compared with the groups worked out on
 * paper in the comment above each test. Scores: priority x (sum of weights of the county's
 * industries in the expert's fields) + 2 per preference. Penalties (defaults): leader 1000,
 * size 100 per missing member, local 100, pairing 100, industry 50 x weight, stage 30, 4 per
 * member above target, change 20; all x priority. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_json.h"
#include "advmatch/am_match.h"
#include "advmatch/am_validate.h"
#include "am_test.h"

typedef struct expect_group {
    const char *county;
    const char *members[8];    /* "EXPERT:role:channel", leader first then by id */
    const char *shortfalls[8]; /* "rule:missing:detail", by rule then detail */
} expect_group;

static am_instance *load(const char *rule)
{
    char rel[256];
    snprintf(rel, sizeof rel, "fixtures/rules/%s/instance.json", rule);
    size_t len;
    char *data = amt_slurp(rel, &len);
    am_error err = {0};
    am_instance *inst = NULL;
    am_diags *d = am_diags_new();
    ck_assert_int_eq(am_json_read_instance(data, len, &inst, d, &err), AM_OK);
    ck_assert_int_eq(am_validate(inst, d, &err), AM_OK);
    char *text = amt_diags_text(d);
    ck_assert_msg(am_diags_n_errors(d) == 0 && am_diags_n_warnings(d) == 0, "%s: %s", rel, text);
    free(text);
    am_diags_free(d);
    free(data);
    return inst;
}

static void expect_path(const char *rule, long long objective, const expect_group *groups, int n,
                        bool exact)
{
    am_instance *inst = load(rule);
    am_match_params p;
    am_match_params_init(&p);
    p.exact = exact;
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_msg(am_match(inst, &p, &res, &err) == AM_OK, "%s: %s", rule, err.message);
    ck_assert_int_eq(am_result_outcome(res), AM_OUTCOME_OPTIMAL);
    ck_assert_int_eq(am_result_n_groups(res), n);
    for (int i = 0; i < n; i++) {
        int c = am_instance_find_county(inst, groups[i].county);
        ck_assert_int_ge(c, 0);
        const am_group *g = am_result_group(res, c);
        int k = 0;
        for (; groups[i].members[k]; k++) {
            ck_assert_msg(k < g->n_members, "%s %s: member %s missing", rule, groups[i].county,
                          groups[i].members[k]);
            char got[128];
            snprintf(got, sizeof got, "%s:%s:%s", g->members[k].expert_id,
                     am_role_name(g->members[k].role), am_channel_name(g->members[k].channel));
            ck_assert_str_eq(got, groups[i].members[k]);
        }
        ck_assert_msg(k == g->n_members, "%s %s: %d members, expected %d", rule, groups[i].county,
                      g->n_members, k);
        for (k = 0; groups[i].shortfalls[k]; k++) {
            ck_assert_int_lt(k, g->n_shortfalls);
            char got[128];
            snprintf(got, sizeof got, "%s:%d:%s", am_rule_name(g->shortfalls[k].rule),
                     g->shortfalls[k].missing, g->shortfalls[k].detail);
            ck_assert_str_eq(got, groups[i].shortfalls[k]);
        }
        ck_assert_int_eq(k, g->n_shortfalls);
    }
    ck_assert_int_eq(am_result_objective(res), objective);
    ck_assert_double_eq_tol(am_result_bound(res), (double)objective, 1e-6);
    am_result_free(res);
    am_instance_free(inst);
}

/* Both ways of solving (the fast path and --exact) must find the groups worked out by hand. */
static void expect(const char *rule, long long objective, const expect_group *groups, int n)
{
    expect_path(rule, objective, groups, n, false);
    expect_path(rule, objective, groups, n, true);
}

/* size (min 2, target 3, max 4; no national expert, so both groups lack a leader: -1000 each).
 * 行唐县 needs apple 3, walnut 3, chestnut 2, vegetables 1: E09 covers all four (9), E08 8, E07 7,
 * E06 6, E05 5, E02 2. Three members give 9+8+7 = 24; a fourth adds 6-4 = 2 > 0; a fifth would
 * break max 4. So E06..E09: 30 - 4 - 1000 = -974. 灵寿县 (potato 2) has one candidate, E10:
 * 2 - 100 (one below min) - 1000 = -1098. Total -2072. */
START_TEST(size_fills_to_max_only_when_members_outweigh_the_over_target_penalty)
{
    const expect_group g[] = {
        {"130125", {"E06:member:province", "E07:member:province", "E08:member:province",
                    "E09:member:province"}, {"leader:1:"}},
        {"130126", {"E10:member:province"}, {"size:1:", "leader:1:"}},
    };
    expect("size", -2072, g, 2);
}
END_TEST

/* leader (target 4 = max). 石阡县 (tea 3): N1 national, N2 national with leader_capacity 0,
 * P1, P2 provincial, each 3: all four join (12) and only N1 can lead. 六枝特区 (konjac 2): the
 * only national konjac expert N3 is inactive, so P3 + P4 (4) lead-less: 4 - 1000.
 * Total 12 - 996 = -984. */
START_TEST(leader_is_a_national_expert_with_leader_capacity)
{
    const expect_group g[] = {
        {"520203", {"P3:member:province", "P4:member:province"}, {"leader:1:"}},
        {"520623", {"N1:leader:national", "N2:member:national", "P1:member:province",
                    "P2:member:province"}, {0}},
    };
    expect("leader", -984, g, 2);
}
END_TEST

/* local (min 1, max 2; target 4). 石阡县: locals L1 (tea, 3), L2 (no field, 0), L3 (tea, 3) and
 * N1 (3): at most two locals, so N1 + L1 + L3 = 9. 六枝特区 recommended only L5 (0): L4 is not
 * a candidate at all; N2 (konjac, 2) leads, L5 joins (it saves size and local penalties): 2.
 * 盘州市 has no local expert: N3 + P5 (2 + 2) - 100 = -96. Total 9 + 2 - 96 = -85. */
START_TEST(local_members_come_from_the_county_and_its_recommendation_list)
{
    const expect_group g[] = {
        {"520203", {"N2:leader:national", "L5:member:local"}, {0}},
        {"520281", {"N3:leader:national", "P5:member:province"}, {"local:1:"}},
        {"520623", {"N1:leader:national", "L1:member:local", "L3:member:local"}, {0}},
    };
    expect("local", -85, g, 3);
}
END_TEST

/* pairing (min 1, max 1). 石阡县 (Guizhou, paired with Guangdong) prefers G2: G1 3, G2 3+2 = 5,
 * N1 3, P1 3; one paired member at most, so G2: 3 + 5 + 3 = 11. 禄劝 (Yunnan, paired with
 * Shanghai): G3 is from Guangdong, not a partner, so no candidate; N2 + Y1 = 4 - 100 = -96.
 * 行唐县 (Hebei) has no partner: no pairing shortfall; N3 + H1 = 6. Total -79. */
START_TEST(pairing_quota_counts_members_from_the_partner_province_only)
{
    const expect_group g[] = {
        {"130125", {"N3:leader:national", "H1:member:province"}, {0}},
        {"520623", {"N1:leader:national", "G2:member:paired", "P1:member:province"}, {0}},
        {"530128", {"N2:leader:national", "Y1:member:province"}, {"pairing:1:"}},
    };
    expect("pairing", -79, g, 3);
}
END_TEST

/* cover (target 3). 石阡县 needs tea 3, kiwifruit 2 and production, branding. With N1 (tea,
 * production, 3) leading: P1+P2 = 3+2+3 = 8 covers everything; P2+P3 = 9 - 100 (kiwifruit);
 * P1+P3 = 8 - 30 (branding); all four 11 - 4 = 7. So N1, P1, P2: 8. 六枝特区 needs processing,
 * which nobody covers: N2 + P4 = 4 - 30 = -26. 盘州市: N3 alone (potato 2), chili uncovered
 * (-50) and one below min (-100): -148. Total 8 - 26 - 148 = -166. */
START_TEST(cover_prefers_members_that_cover_every_industry_and_stage)
{
    const expect_group g[] = {
        {"520203", {"N2:leader:national", "P4:member:province"}, {"stage:1:processing"}},
        {"520281", {"N3:leader:national"}, {"size:1:", "industry:1:chili_pepper"}},
        {"520623", {"N1:leader:national", "P1:member:province", "P2:member:province"}, {0}},
    };
    expect("cover", -166, g, 3);
}
END_TEST

/* eligibility. Of seven tea-minded experts only N1 (national) and P3 (own province) qualify:
 * N2 and P2 decline the county, N3 is inactive, P1 shares no field, X1 is from Yunnan, which is
 * neither the county's province nor its partner. 3 + 3 = 6. */
START_TEST(declined_inactive_unrelated_and_fieldless_experts_are_never_candidates)
{
    const expect_group g[] = {
        {"520623", {"N1:leader:national", "P3:member:province"}, {0}},
    };
    expect("eligibility", 6, g, 1);
}
END_TEST

/* capacity (min 1, target = max 2). N1 is the only national expert and has capacity 1: it leads
 * 六枝特区 (priority 2: a missing leader costs 2000 there, 1000 in 石阡县). P2 declines 六枝特区,
 * so it joins 石阡县; P1 goes where it scores 6 rather than 3. 六枝特区 N1 + P1 = 12;
 * 石阡县 P2 = 3 - 1000. Total -985 (P1 in 石阡县 instead would give -988). */
START_TEST(capacity_one_sends_the_expert_where_priority_makes_it_worth_most)
{
    const expect_group g[] = {
        {"520203", {"N1:leader:national", "P1:member:province"}, {0}},
        {"520623", {"P2:member:province"}, {"leader:1:"}},
    };
    expect("capacity", -985, g, 2);
}
END_TEST

/* leader capacity (min 1, max 2). N2 may sit in two groups but lead one; N1 declines 六枝特区.
 * Both groups get a leader only if N1 leads 石阡县 and N2 leads 六枝特区; N2 also joins 石阡县.
 * 3 + 3 + 3 = 9 (N2 leading 石阡县 would leave 六枝特区 lead-less: 9 - 1000). */
START_TEST(leader_capacity_limits_how_many_groups_an_expert_leads)
{
    const expect_group g[] = {
        {"520203", {"N2:leader:national"}, {0}},
        {"520623", {"N1:leader:national", "N2:member:national"}, {0}},
    };
    expect("leader_capacity", 9, g, 2);
}
END_TEST

/* organisation cap 2 (target 4). P1, P2, P3 are all from 贵州大学; the county prefers P1 and P3
 * prefers the county, so P1 and P3 score 5, P2 3. Only two of them may join: N1 3 + P1 5 +
 * P3 5 + P4 3 = 16. */
START_TEST(organisation_cap_and_preferences_decide_between_colleagues)
{
    const expect_group g[] = {
        {"520623", {"N1:leader:national", "P1:member:province", "P3:member:province",
                    "P4:member:province"}, {0}},
    };
    expect("org", 16, g, 1);
}
END_TEST

/* current (min 1, target = max 2; change penalty 20 x priority). The groups as they stand: N1
 * leads 石阡县, locked; P1 sits there too, unlocked. Without the lock, N1 (the only national
 * expert, capacity 1) would lead 六枝特区, where a missing leader costs 2000. Locked, 六枝特区 has
 * no leader whatever happens (-2000). Keeping P1: 石阡县 N1 + P1 (3 + 3), 六枝特区 P3 (6; P2
 * declines it, P1 is taken): 12 - 2000 = -1988. Moving P1 to 六枝特区 (6) with P3 and P2 into
 * 石阡县: 3 + 3 + 12 = 18, but dropping P1's membership costs 20: 18 - 2000 - 20 = -2002, worse
 * (without the penalty it would win by 6). */
START_TEST(current_memberships_stay_locked_and_a_change_must_pay_its_penalty)
{
    const expect_group g[] = {
        {"520203", {"P3:member:province"}, {"leader:1:"}},
        {"520623", {"N1:leader:national", "P1:member:province"}, {0}},
    };
    expect("current", -1988, g, 2);
}
END_TEST

static Suite *rules_suite(void)
{
    Suite *s = suite_create("rules");
    TCase *tc = tcase_create("hand_solved");
    tcase_add_test(tc, size_fills_to_max_only_when_members_outweigh_the_over_target_penalty);
    tcase_add_test(tc, leader_is_a_national_expert_with_leader_capacity);
    tcase_add_test(tc, local_members_come_from_the_county_and_its_recommendation_list);
    tcase_add_test(tc, pairing_quota_counts_members_from_the_partner_province_only);
    tcase_add_test(tc, cover_prefers_members_that_cover_every_industry_and_stage);
    tcase_add_test(tc, declined_inactive_unrelated_and_fieldless_experts_are_never_candidates);
    tcase_add_test(tc, capacity_one_sends_the_expert_where_priority_makes_it_worth_most);
    tcase_add_test(tc, leader_capacity_limits_how_many_groups_an_expert_leads);
    tcase_add_test(tc, current_memberships_stay_locked_and_a_change_must_pay_its_penalty);
    tcase_add_test(tc, organisation_cap_and_preferences_decide_between_colleagues);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(rules_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
