/* tests/unit/test_relax.c: am_relax on two small ledgers worked out by hand.
 *
 * Leader: two tea counties, 520623 (priority 1) and 522327 (priority 2), and one national tea
 * expert N1 who may lead one group. The optimum gives him to 522327 (its missing leader would
 * cost twice as much), so 520623 misses its leader. The one relaxation: N1 leads one more group;
 * solved again, both groups are led, and the objective equals that of the same ledger written
 * with N1's capacities at 2 (solved independently, from JSON).
 *
 * Local: 520623 recommends L1, who withdrew (inactive); L2 lives there but is not recommended.
 * The group misses its local member; recommending L2 removes the shortfall. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "advmatch/am_json.h"
#include "advmatch/am_relax.h"
#include "am_test.h"

#define POLICY                                                                                     \
    "\"policy\": {\"group_size\": {\"min\": 1, \"target\": 1, \"max\": 2},"                      \
    " \"local_members\": {\"min\": 0, \"max\": 1}, \"pairing_members\": {\"min\": 0, \"max\": 0}},"
#define PROVINCES                                                                                  \
    "\"provinces\": [{\"code\": \"52\", \"name\": \"贵州省\", \"region\": \"west\"},"            \
    " {\"code\": \"11\", \"name\": \"北京市\", \"region\": \"east\"}],"

static const char *leader_doc(int capacity)
{
    static char buf[2048];
    snprintf(buf, sizeof buf,
             "{\"format\": \"advmatch-instance/1\", " POLICY PROVINCES
             " \"counties\": ["
             "  {\"id\": \"520623\", \"name\": \"石阡县\", \"province\": \"52\","
             "   \"industries\": [{\"field\": \"tea\"}]},"
             "  {\"id\": \"522327\", \"name\": \"册亨县\", \"province\": \"52\", \"priority\": 2,"
             "   \"industries\": [{\"field\": \"tea\"}]}],"
             " \"experts\": ["
             "  {\"id\": \"N1\", \"name\": \"李秀英\", \"level\": \"national\", \"org\": \"农科院\","
             "   \"province\": \"11\", \"fields\": [\"tea\"], \"capacity\": %d,"
             "   \"leader_capacity\": %d}]}",
             capacity, capacity);
    return buf;
}

static const char local_doc[] =
    "{\"format\": \"advmatch-instance/1\","
    " \"policy\": {\"group_size\": {\"min\": 1, \"target\": 2, \"max\": 2},"
    " \"local_members\": {\"min\": 1, \"max\": 1}, \"pairing_members\": {\"min\": 0, \"max\": 0}},"
    PROVINCES
    " \"counties\": ["
    "  {\"id\": \"520623\", \"name\": \"石阡县\", \"province\": \"52\","
    "   \"industries\": [{\"field\": \"tea\"}], \"recommended\": [\"L1\"]}],"
    " \"experts\": ["
    "  {\"id\": \"N1\", \"name\": \"李秀英\", \"level\": \"national\", \"org\": \"农科院\","
    "   \"province\": \"11\", \"fields\": [\"tea\"]},"
    "  {\"id\": \"L1\", \"name\": \"王伟\", \"level\": \"local\", \"org\": \"石阡县农业局\","
    "   \"province\": \"52\", \"county\": \"520623\", \"fields\": [\"tea\"], \"active\": false},"
    "  {\"id\": \"L2\", \"name\": \"张敏\", \"level\": \"local\", \"org\": \"石阡县茶办\","
    "   \"province\": \"52\", \"county\": \"520623\", \"fields\": [\"tea\"]}]}";

static am_instance *read(const char *doc) { return amt_read_instance(doc); }

static am_result *solve(const am_instance *inst)
{
    am_match_params p;
    am_match_params_init(&p);
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_match(inst, &p, &res, &err), AM_OK);
    ck_assert_int_eq(am_result_outcome(res), AM_OUTCOME_OPTIMAL);
    return res;
}

/* The shortfall of `rule` of county `county` in `res` (it must be there). */
static const am_shortfall *shortfall(const am_instance *inst, const am_result *res,
                                     const char *county, am_rule rule)
{
    const am_group *g = am_result_group(res, am_instance_find_county(inst, county));
    for (int i = 0; i < g->n_shortfalls; i++)
        if (g->shortfalls[i].rule == rule)
            return &g->shortfalls[i];
    ck_abort_msg("%s has no %s shortfall", county, am_rule_name(rule));
    return NULL;
}

START_TEST(a_second_leadership)
{
    am_instance *inst = read(leader_doc(1));
    am_result *res = solve(inst);
    int c = am_instance_find_county(inst, "520623");
    const am_shortfall *sf = shortfall(inst, res, "520623", AM_RULE_LEADER);
    am_match_params p;
    am_match_params_init(&p);
    am_arena *a = am_arena_new();
    am_relaxation *r = NULL;
    int n = 0;
    am_error err = {0};
    ck_assert_int_eq(am_relax(inst, res, c, sf, 3, &p, a, &r, &n, &err), AM_OK);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(r[0].kind, AM_RELAX_LEAD);
    ck_assert_str_eq(am_instance_expert(inst, r[0].expert)->id, "N1");
    ck_assert(r[0].removes);
    /* the same ledger with N1 at two groups, solved on its own */
    am_instance *two = read(leader_doc(2));
    am_result *res2 = solve(two);
    ck_assert_int_eq(r[0].objective, am_result_objective(res2));
    ck_assert_int_eq(r[0].delta, am_result_objective(res2) - am_result_objective(res));
    ck_assert_int_ge(r[0].delta, 1000); /* at least the leader penalty of 520623 */
    am_result_free(res2);
    am_instance_free(two);
    am_arena_free(a);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(another_recommendation)
{
    am_instance *inst = read(local_doc);
    am_result *res = solve(inst);
    int c = am_instance_find_county(inst, "520623");
    const am_shortfall *sf = shortfall(inst, res, "520623", AM_RULE_LOCAL);
    am_match_params p;
    am_match_params_init(&p);
    am_arena *a = am_arena_new();
    am_relaxation *r = NULL;
    int n = 0;
    am_error err = {0};
    ck_assert_int_eq(am_relax(inst, res, c, sf, 3, &p, a, &r, &n, &err), AM_OK);
    ck_assert_int_eq(n, 1); /* L1 is inactive: not tried; L2 is the one */
    ck_assert_int_eq(r[0].kind, AM_RELAX_RECOMMEND);
    ck_assert_str_eq(am_instance_expert(inst, r[0].expert)->id, "L2");
    ck_assert(r[0].removes);
    ck_assert_int_gt(r[0].delta, 0);
    am_arena_free(a);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("relax");
    TCase *tc = tcase_create("relax");
    tcase_add_test(tc, a_second_leadership);
    tcase_add_test(tc, another_recommendation);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}
