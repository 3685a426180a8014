/* tests/unit/test_current.c: the current memberships of an instance (`current[]`): freeze
 * resolves, sorts and drops what it cannot resolve; am_validate reports repeated pairs, two
 * leaders, locked memberships that cannot hold (each reason in words) and the limits the locked
 * memberships alone break, each on the entry as it stood in the input. Exact diagnostics. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_validate.h"
#include "am_test.h"

/* The world. Guizhou 52 (west, partner Guangdong 44), Guangdong 44, Beijing 11.
 *   A = 520623 (52), tea + kiwifruit, recommends L1 and L3.   B = 520602 (52), tea.
 * Experts (level, province, org, fields, capacity/leader capacity):
 *   N1 national 11 CAAS {tea} 2/1      N2 national 11 CAAS {tea} 1/0
 *   G1 provincial 44 SCAU {tea} 1/1    G2 provincial 44 SCAU2 {tea} 1/1
 *   L1 local 52 home A, no field       L2 local 52 home A {tea} (not recommended)
 *   L3 local 52 home A {tea}           P1 provincial 52 GZU {tea}
 *   P2 provincial 52 GZU {walnut}      X1 provincial 11 BJ {tea}
 *   I1 provincial 52 GZU4 {tea} inactive    C0 provincial 52 GZU2 {tea} capacity 0
 *   D1 provincial 52 GZU3 {tea} declines A
 * Policy: size 0..3..3, local 0..1, pairing 0..1, max_same_org 1. Nothing else is wrong, so
 * every line below comes from current[]. */
static const char *const gd[] = {"44"};
static const char *const recs[] = {"L1", "L3"};
static const char *const county_a[] = {"520623"};
static const char *const f_tea[] = {"tea"}, *const f_walnut[] = {"walnut"};

static void add_expert(am_instance *inst, const char *id, am_level level, const char *prov,
                       const char *org, const char *const *fields)
{
    am_error err = {0};
    am_expert_rec r = {.id = id, .name = id, .level = level, .org = org, .province = prov,
                       .fields = fields, .n_fields = fields ? 1 : 0, .capacity = 1,
                       .leader_capacity = 1, .active = true};
    if (strcmp(id, "N1") == 0)
        r.capacity = 2;
    if (strcmp(id, "N2") == 0)
        r.leader_capacity = 0;
    if (id[0] == 'L')
        r.county = "520623";
    if (strcmp(id, "I1") == 0)
        r.active = false;
    if (strcmp(id, "C0") == 0)
        r.capacity = 0;
    if (strcmp(id, "D1") == 0) {
        r.declines = county_a;
        r.n_declines = 1;
    }
    ck_assert_int_eq(am_instance_add_expert(inst, &r, &err), AM_OK);
}

/* "C E R L": county A or B, expert id, role (L leader, M member), locked (L) or not (-). */
static am_instance *make_instance(const char *const *current, int n)
{
    am_instance *inst = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_instance_new(&inst, &err), AM_OK);
    am_policy pol;
    am_policy_init(&pol);
    pol.size_min = 0;
    pol.size_target = pol.size_max = 3;
    pol.local_min = pol.pairing_min = 0;
    pol.local_max = pol.pairing_max = 1;
    pol.max_same_org = 1;
    am_instance_set_policy(inst, &pol);
    am_province_rec p[] = {{"52", "贵州省", AM_REGION_WEST, gd, 1},
                           {"44", "广东省", AM_REGION_EAST, NULL, 0},
                           {"11", "北京市", AM_REGION_EAST, NULL, 0}};
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(am_instance_add_province(inst, &p[i], &err), AM_OK);
    am_industry_rec ia[] = {{"tea", 1}, {"kiwifruit", 1}}, ib[] = {{"tea", 1}};
    am_county_rec a = {.id = "520623", .name = "石阡县", .province = "52", .industries = ia,
                       .n_industries = 2, .priority = 1, .recommended = recs, .n_recommended = 2};
    am_county_rec b = {.id = "520602", .name = "万山区", .province = "52", .industries = ib,
                       .n_industries = 1, .priority = 1};
    ck_assert_int_eq(am_instance_add_county(inst, &a, &err), AM_OK);
    ck_assert_int_eq(am_instance_add_county(inst, &b, &err), AM_OK);
    add_expert(inst, "N1", AM_LEVEL_NATIONAL, "11", "CAAS", f_tea);
    add_expert(inst, "N2", AM_LEVEL_NATIONAL, "11", "CAAS", f_tea);
    add_expert(inst, "G1", AM_LEVEL_PROVINCIAL, "44", "SCAU", f_tea);
    add_expert(inst, "G2", AM_LEVEL_PROVINCIAL, "44", "SCAU2", f_tea);
    add_expert(inst, "L1", AM_LEVEL_LOCAL, "52", "Shiqian bureau", NULL);
    add_expert(inst, "L2", AM_LEVEL_LOCAL, "52", "Shiqian tea", f_tea);
    add_expert(inst, "L3", AM_LEVEL_LOCAL, "52", "Shiqian farm", f_tea);
    add_expert(inst, "P1", AM_LEVEL_PROVINCIAL, "52", "GZU", f_tea);
    add_expert(inst, "P2", AM_LEVEL_PROVINCIAL, "52", "GZU", f_walnut);
    add_expert(inst, "X1", AM_LEVEL_PROVINCIAL, "11", "BJ", f_tea);
    add_expert(inst, "I1", AM_LEVEL_PROVINCIAL, "52", "GZU4", f_tea);
    add_expert(inst, "C0", AM_LEVEL_PROVINCIAL, "52", "GZU2", f_tea);
    add_expert(inst, "D1", AM_LEVEL_PROVINCIAL, "52", "GZU3", f_tea);
    for (int i = 0; i < n; i++) {
        char county[8], expert[8], role, locked;
        ck_assert_int_eq(sscanf(current[i], "%7s %7s %c %c", county, expert, &role, &locked), 4);
        am_current_rec r = {.county = strcmp(county, "A") == 0   ? "520623"
                                      : strcmp(county, "B") == 0 ? "520602"
                                                                 : county,
                            .expert = expert,
                            .role = role == 'L' ? AM_ROLE_LEADER : AM_ROLE_MEMBER,
                            .locked = locked == 'L'};
        ck_assert_int_eq(am_instance_add_current(inst, &r, &err), AM_OK);
    }
    return inst;
}

/* Freeze and validate; every diagnostic as text (caller frees). */
static char *run(const char *const *current, int n)
{
    am_instance *inst = make_instance(current, n);
    am_error err = {0};
    am_diags *d = am_diags_new();
    ck_assert_int_eq(am_instance_freeze(inst, d, &err), AM_OK);
    ck_assert_int_eq(am_validate(inst, d, &err), AM_OK);
    char *text = amt_diags_text(d);
    am_diags_free(d);
    am_instance_free(inst);
    return text;
}

#define N_OF(a) ((int)(sizeof(a) / sizeof((a)[0])))

static void expect(const char *const *current, int n, const char *want)
{
    char *got = run(current, n);
    ck_assert_str_eq(got, want);
    free(got);
}

START_TEST(freeze_sorts_current_by_county_then_expert_and_drops_unknown_references)
{
    static const char *const cur[] = {"B P1 M -", "A Z9 M L", "A G1 M L", "520699 Z8 M -",
                                      "A N1 L L"};
    am_instance *inst = make_instance(cur, N_OF(cur));
    am_error err = {0};
    am_diags *d = am_diags_new();
    ck_assert_int_eq(am_instance_freeze(inst, d, &err), AM_OK);
    char *text = amt_diags_text(d);
    ck_assert_str_eq(text, "error: current[1]: expert: unknown expert \"Z9\"\n"
                           "error: current[3]: county: unknown county \"520699\"\n"
                           "error: current[3]: expert: unknown expert \"Z8\"\n");
    free(text);
    /* counties by id: 520602 (B) is 0, 520623 (A) is 1; experts by id: G1 before N1 */
    ck_assert_int_eq(am_instance_n_current(inst), 3);
    const am_current *c0 = am_instance_current(inst, 0), *c1 = am_instance_current(inst, 1);
    const am_current *c2 = am_instance_current(inst, 2);
    ck_assert_str_eq(am_instance_expert(inst, c0->expert)->id, "P1");
    ck_assert_int_eq(c0->county, am_instance_find_county(inst, "520602"));
    ck_assert(!c0->locked);
    ck_assert_str_eq(am_instance_expert(inst, c1->expert)->id, "G1");
    ck_assert_str_eq(am_instance_expert(inst, c2->expert)->id, "N1");
    ck_assert_int_eq(c2->role, AM_ROLE_LEADER);
    ck_assert(c2->locked);
    char label[64];
    ck_assert_str_eq(am_instance_current_label(inst, 1, label, sizeof label), "current[2]");
    ck_assert_int_eq(c2->input_idx, 4);
    am_diags_free(d);
    am_instance_free(inst);
}
END_TEST

START_TEST(validate_accepts_current_memberships_that_can_hold)
{
    static const char *const cur[] = {"A N1 L L", "A G1 M L", "A L1 M L", "B P1 M -",
                                      "B N2 L -"}; /* unlocked: N2 may stay as a member */
    expect(cur, N_OF(cur), "");
}
END_TEST

START_TEST(validate_explains_why_each_locked_membership_cannot_hold)
{
    static const char *const cur[] = {"A I1 M L", "A C0 M L", "A D1 M L",
                                      "A L2 M L", "A P2 M L", "A X1 M L"};
    expect(cur, N_OF(cur),
           "error: current[0]: locked: expert \"I1\" is inactive; unlock or remove this "
           "membership\n"
           "error: current[1]: locked: expert \"C0\" has capacity 0; unlock or remove this "
           "membership\n"
           "error: current[2]: locked: expert \"D1\" declined county \"520623\"; unlock or remove "
           "this membership\n"
           "error: current[3]: locked: expert \"L2\" is local to county \"520623\" but not on its "
           "recommended list; unlock or remove this membership\n"
           "error: current[4]: locked: expert \"P2\" has no field in the industries of county "
           "\"520623\"; unlock or remove this membership\n"
           "error: current[5]: locked: expert \"X1\" is provincial and from province \"11\", "
           "neither the province of county \"520623\" nor its partner; unlock or remove this "
           "membership\n");
}
END_TEST

START_TEST(validate_warns_that_unlocked_memberships_that_cannot_hold_will_be_dropped)
{
    static const char *const cur[] = {"A I1 M -", "B D1 M -", "A N1 L L"};
    /* D1 declined A, not B: B is fine */
    expect(cur, N_OF(cur),
           "warning: current[0]: expert: expert \"I1\" is inactive; this membership will be "
           "dropped\n");
}
END_TEST

START_TEST(validate_rejects_a_pair_twice_two_leaders_and_a_locked_leader_who_cannot_lead)
{
    static const char *const cur[] = {"A N1 L L", "A N1 M -", "A N2 L -", "B N2 L L",
                                      "B G1 L L"};
    expect(cur, N_OF(cur),
           "error: current[1]: expert: expert \"N1\" is listed twice for county \"520623\" "
           "(first at current[0])\n"
           "error: current[2]: role: county \"520623\" already has leader \"N1\" (current[0]); a "
           "group has one leader\n"
           "error: current[3]: role: expert \"N2\" cannot lead: leader_capacity 0\n"
           "error: current[4]: role: county \"520602\" already has leader \"N2\" (current[3]); a "
           "group has one leader\n"
           "error: current[4]: role: expert \"G1\" cannot lead: level provincial, a leader must "
           "be national-level\n");
}
END_TEST

/* A locked: N1 (leader), G1 and G2 (partner province), L1 and L3 (local), N2 (CAAS like N1):
 * 6 members above max 3 (reported on the 4th, L1), 2 paired above 1 (on G2), 2 local above 1
 * (on L3), 2 of CAAS above 1 (on N2). B locked: N1 leads a second group (leader capacity 1)
 * and G1 sits in a second group (capacity 1). The unlocked P1 counts toward nothing. */
START_TEST(validate_reports_the_limits_the_locked_memberships_alone_break)
{
    static const char *const cur[] = {"A N1 L L", "A G1 M L", "A G2 M L", "A L1 M L", "A L3 M L",
                                      "A N2 M L", "B N1 L L", "B G1 M L", "B P1 M -"};
    expect(cur, N_OF(cur),
           "error: current[2]: locked: county \"520623\" has 2 locked members from a partner "
           "province, above pairing_members.max 1\n"
           "error: current[3]: locked: county \"520623\" has 6 locked members, above "
           "group_size.max 3\n"
           "error: current[4]: locked: county \"520623\" has 2 locked local members, above "
           "local_members.max 1\n"
           "error: current[5]: locked: county \"520623\" has 2 locked members from \"CAAS\", "
           "above max_same_org 1\n"
           "error: current[6]: role: expert \"N1\" is locked as leader of 2 groups (counties "
           "520623, 520602), above leader_capacity 1\n"
           "error: current[7]: locked: expert \"G1\" is locked in 2 groups (counties 520623, "
           "520602), above capacity 1\n");
}
END_TEST

static Suite *current_suite(void)
{
    Suite *s = suite_create("current");
    TCase *tc = tcase_create("freeze");
    tcase_add_test(tc, freeze_sorts_current_by_county_then_expert_and_drops_unknown_references);
    suite_add_tcase(s, tc);
    tc = tcase_create("validate");
    tcase_add_test(tc, validate_accepts_current_memberships_that_can_hold);
    tcase_add_test(tc, validate_explains_why_each_locked_membership_cannot_hold);
    tcase_add_test(tc, validate_warns_that_unlocked_memberships_that_cannot_hold_will_be_dropped);
    tcase_add_test(tc,
                   validate_rejects_a_pair_twice_two_leaders_and_a_locked_leader_who_cannot_lead);
    tcase_add_test(tc, validate_reports_the_limits_the_locked_memberships_alone_break);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(current_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
