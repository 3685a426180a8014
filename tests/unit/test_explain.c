/* tests/unit/test_explain.c: the reasons of members and the causes of shortfalls
 * (am_explain.h) on a hand-made ledger whose every answer is worked out in the comments.
 *
 * Provinces: 52 Guizhou (partner 33 Zhejiang), 33, 11 Beijing, 53 Yunnan (no partner).
 * Counties: 520623 (tea weight 3, kiwifruit; stages production, branding), 522327 (tea),
 *           530629 (bamboo).
 * Experts:  N1 national (11), tea, leader capacity 1;  N2 national (11), tea, leader capacity 0;
 *           Z1 provincial (33), tea;  L1 local, home 520623, tea;  P1 provincial (52), kiwifruit,
 *           production.  Every capacity is 1.
 * Groups:   522327: N1 leads, Z1.   520623: L1, N2.   530629: nobody. */
#include <check.h>
#include <string.h>

#include "advmatch/am_explain.h"
#include "advmatch/am_json.h"
#include "am_test.h"

static const char doc[] =
    "{\"format\": \"advmatch-instance/1\",\n"
    " \"provinces\": [\n"
    "  {\"code\": \"52\", \"name\": \"贵州省\", \"region\": \"west\", \"paired_with\": \"33\"},\n"
    "  {\"code\": \"33\", \"name\": \"浙江省\", \"region\": \"east\"},\n"
    "  {\"code\": \"11\", \"name\": \"北京市\", \"region\": \"east\"},\n"
    "  {\"code\": \"53\", \"name\": \"云南省\", \"region\": \"west\"}],\n"
    " \"counties\": [\n"
    "  {\"id\": \"520623\", \"name\": \"石阡县\", \"province\": \"52\", \"prefers\": [\"L1\"],\n"
    "   \"industries\": [{\"field\": \"tea\", \"weight\": 3}, {\"field\": \"kiwifruit\"}],\n"
    "   \"stages\": [\"production\", \"branding\"]},\n"
    "  {\"id\": \"522327\", \"name\": \"册亨县\", \"province\": \"52\",\n"
    "   \"industries\": [{\"field\": \"tea\"}]},\n"
    "  {\"id\": \"530629\", \"name\": \"威信县\", \"province\": \"53\",\n"
    "   \"industries\": [{\"field\": \"bamboo\"}]}],\n"
    " \"experts\": [\n"
    "  {\"id\": \"N1\", \"name\": \"李秀英\", \"level\": \"national\", \"org\": \"中国农科院\",\n"
    "   \"province\": \"11\", \"fields\": [\"tea\"]},\n"
    "  {\"id\": \"N2\", \"name\": \"王伟\", \"level\": \"national\", \"org\": \"中国农大\",\n"
    "   \"province\": \"11\", \"fields\": [\"tea\"], \"leader_capacity\": 0},\n"
    "  {\"id\": \"Z1\", \"name\": \"陈静\", \"level\": \"provincial\", \"org\": \"浙江大学\",\n"
    "   \"province\": \"33\", \"fields\": [\"tea\"]},\n"
    "  {\"id\": \"L1\", \"name\": \"张敏\", \"level\": \"local\", \"org\": \"石阡县茶产业局\",\n"
    "   \"province\": \"52\", \"county\": \"520623\", \"fields\": [\"tea\"],\n"
    "   \"prefers\": [\"520623\"]},\n"
    "  {\"id\": \"P1\", \"name\": \"刘洋\", \"level\": \"provincial\", \"org\": \"贵州大学\",\n"
    "   \"province\": \"52\", \"fields\": [\"kiwifruit\"], \"stages\": [\"production\"]}]}\n";

typedef struct fixture {
    am_instance *inst;
    am_result *res;
} fixture;

static void add(fixture *f, const char *county, const char *expert, am_role role)
{
    am_error err = {0};
    int c = am_instance_find_county(f->inst, county), e = am_instance_find_expert(f->inst, expert);
    am_member m = {.expert = e, .expert_id = expert, .role = role};
    ck_assert_int_eq(am_result_add_member(f->res, c, &m, &err), AM_OK);
}

static fixture setup(void)
{
    fixture f = {0};
    am_error err = {0};
    f.inst = amt_read_instance(doc);
    ck_assert_int_eq(am_result_new(f.inst, &f.res, &err), AM_OK);
    add(&f, "522327", "N1", AM_ROLE_LEADER);
    add(&f, "522327", "Z1", AM_ROLE_MEMBER);
    add(&f, "520623", "L1", AM_ROLE_MEMBER);
    add(&f, "520623", "N2", AM_ROLE_MEMBER);
    am_result_finish(f.res);
    return f;
}

static void teardown(fixture *f)
{
    am_result_free(f->res);
    am_instance_free(f->inst);
}

/* The cause of shortfall (rule, detail) of `county`, compared with `want`. */
static void cause_is(const fixture *f, const char *county, am_rule rule, const char *detail,
                     const char *want)
{
    char buf[600];
    am_error err = {0};
    am_shortfall sf = {rule, 1, detail};
    int c = am_instance_find_county(f->inst, county);
    ck_assert_int_eq(am_explain_shortfall(f->inst, f->res, c, &sf, buf, sizeof buf, &err), AM_OK);
    ck_assert_str_eq(buf, want);
}

START_TEST(member_reasons)
{
    fixture f = setup();
    am_member_reason r;
    int c = am_instance_find_county(f.inst, "520623");
    /* L1: local, covers tea (industry 0) and no stage; both prefer the pair: score 1*3 + 2 + 2 */
    ck_assert(am_explain_member(f.inst, c, am_instance_find_expert(f.inst, "L1"), &r));
    ck_assert_int_eq(r.channel, AM_CHANNEL_LOCAL);
    ck_assert_uint_eq(r.industries, 1u);
    ck_assert_uint_eq(r.stages, 0u);
    ck_assert(r.county_prefers && r.expert_prefers);
    ck_assert_int_eq(r.score, 7);
    /* P1: own province, covers kiwifruit (industry 1) and production; score 1 */
    ck_assert(am_explain_member(f.inst, c, am_instance_find_expert(f.inst, "P1"), &r));
    ck_assert_int_eq(r.channel, AM_CHANNEL_PROVINCE);
    ck_assert_uint_eq(r.industries, 2u);
    ck_assert_uint_eq(r.stages, 1u << AM_STAGE_PRODUCTION);
    ck_assert_int_eq(r.score, 1);
    /* Z1 for 520623: the partner province, tea: paired, score 3 */
    ck_assert(am_explain_member(f.inst, c, am_instance_find_expert(f.inst, "Z1"), &r));
    ck_assert_int_eq(r.channel, AM_CHANNEL_PAIRED);
    /* P1 for 530629: no bamboo, another province: no candidate */
    ck_assert(!am_explain_member(f.inst, am_instance_find_county(f.inst, "530629"),
                                 am_instance_find_expert(f.inst, "P1"), &r));
    teardown(&f);
}
END_TEST

START_TEST(leader_causes)
{
    fixture f = setup();
    /* 520623: the one who can lead (N1) leads 522327; N2 has leader capacity 0 */
    cause_is(&f, "520623", AM_RULE_LEADER, "",
             "no national-level expert with a field in {tea, kiwifruit} has capacity left: its "
             "only candidate leads or sits in other groups up to its capacity");
    /* 530629: no national expert knows bamboo */
    cause_is(&f, "530629", AM_RULE_LEADER, "",
             "no national-level expert with a field in {bamboo} can lead here (none has such a "
             "field, or they are inactive, declined the county or have leader capacity 0)");
    teardown(&f);
}
END_TEST

START_TEST(local_causes)
{
    fixture f = setup();
    cause_is(&f, "530629", AM_RULE_LOCAL, "",
             "the county recommended no local member, and no expert of the pool lives in it");
    cause_is(&f, "522327", AM_RULE_LOCAL, "",
             "the county recommended no local member, and no expert of the pool lives in it");
    teardown(&f);
}
END_TEST

START_TEST(pairing_causes)
{
    fixture f = setup();
    /* Zhejiang: Z1 (tea) can serve 520623 but sits in 522327; both Guizhou counties pair with it */
    cause_is(&f, "520623", AM_RULE_PAIRING, "",
             "浙江省 has 1 expert with matching fields who can serve here and 2 counties paired "
             "with it; that one sits in other groups up to its capacity");
    cause_is(&f, "530629", AM_RULE_PAIRING, "", "云南省 has no eastern partner province");
    teardown(&f);
}
END_TEST

START_TEST(cover_causes)
{
    fixture f = setup();
    cause_is(&f, "530629", AM_RULE_INDUSTRY, "bamboo", "no expert of the pool covers the field bamboo");
    cause_is(&f, "520623", AM_RULE_STAGE, "branding", "no expert of the pool covers the stage branding");
    /* kiwifruit: P1 is free (capacity 1, in no group) */
    cause_is(&f, "520623", AM_RULE_INDUSTRY, "kiwifruit",
             "its only candidate who covers it still had room, but taking it would break another "
             "rule of the group (its size or organisation cap) or cost more in another group");
    teardown(&f);
}
END_TEST

START_TEST(candidates_already_in_the_group)
{
    fixture f = setup();
    /* 520623's only local candidate, L1, is in its group already */
    cause_is(&f, "520623", AM_RULE_LOCAL, "",
             "its only local candidate is already in the group; there is no other");
    /* 522327 misses its local member? it has none living there; tea for 522327: N1 and Z1 are
     * in the group, N2 and L1 sit in 520623 at capacity */
    cause_is(&f, "522327", AM_RULE_INDUSTRY, "tea",
             "2 of its 4 candidates who cover it are already in the group; the other 2 lead or "
             "sit in other groups up to their capacity");
    teardown(&f);
}
END_TEST

START_TEST(size_causes)
{
    fixture f = setup();
    cause_is(&f, "530629", AM_RULE_SIZE, "", "the county has only 0 candidates in the whole pool");
    /* 522327 (tea): N1, N2, Z1 are candidates (L1 is local to another county but a provincial
     * candidate of its own province: tea, Guizhou), 4 in all < 8 */
    cause_is(&f, "522327", AM_RULE_SIZE, "", "the county has only 4 candidates in the whole pool");
    teardown(&f);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("explain");
    TCase *tc = tcase_create("explain");
    tcase_add_test(tc, member_reasons);
    tcase_add_test(tc, leader_causes);
    tcase_add_test(tc, local_causes);
    tcase_add_test(tc, pairing_causes);
    tcase_add_test(tc, cover_causes);
    tcase_add_test(tc, candidates_already_in_the_group);
    tcase_add_test(tc, size_causes);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}
