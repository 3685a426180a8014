/* tests/unit/test_scope.c: am_instance_scope, the instance a round solves cut out of the whole
 * ledger, on a hand-made ledger whose answer is worked out below: three Guizhou counties, two
 * in scope, and experts whose capacities, home county, declines and memberships outside the
 * scope must be carried over as docs/database.md says. */
#include <check.h>
#include <string.h>

#include "advmatch/am_json.h"
#include "advmatch/am_scope.h"
#include "advmatch/am_validate.h"
#include "am_test.h"

/* 520203 is outside the scope. N1 leads it (capacity 2, leader capacity 1: one membership and
 * no leadership left); L1 is local to it (then reads as provincial without a home county); P1
 * declines 520203 and 520623 (only 520623 remains); G1 (Guangdong, the partner) sits in 522327,
 * in scope, so that membership is carried as current[], locked when asked. */
static const char ledger[] =
    "{\"format\": \"advmatch-instance/1\",\n"
    " \"provinces\": [\n"
    "  {\"code\": \"52\", \"name\": \"贵州省\", \"region\": \"west\", \"paired_with\": \"44\"},\n"
    "  {\"code\": \"44\", \"name\": \"广东省\", \"region\": \"east\"},\n"
    "  {\"code\": \"11\", \"name\": \"北京市\", \"region\": \"east\"}],\n"
    " \"counties\": [\n"
    "  {\"id\": \"520623\", \"name\": \"石阡县\", \"province\": \"52\",\n"
    "   \"industries\": [{\"field\": \"tea\", \"weight\": 3}], \"prefers\": [\"P1\"]},\n"
    "  {\"id\": \"520203\", \"name\": \"六枝特区\", \"province\": \"52\",\n"
    "   \"industries\": [{\"field\": \"tea\"}], \"recommended\": [\"L1\"]},\n"
    "  {\"id\": \"522327\", \"name\": \"册亨县\", \"province\": \"52\",\n"
    "   \"industries\": [{\"field\": \"tea\"}, {\"field\": \"oil_tea\", \"weight\": 2}]}],\n"
    " \"experts\": [\n"
    "  {\"id\": \"N1\", \"name\": \"李秀英\", \"level\": \"national\", \"org\": \"中国农科院\",\n"
    "   \"province\": \"11\", \"fields\": [\"tea\"], \"capacity\": 2, \"leader_capacity\": 1},\n"
    "  {\"id\": \"L1\", \"name\": \"王伟\", \"level\": \"local\", \"org\": \"六枝农业局\",\n"
    "   \"province\": \"52\", \"county\": \"520203\", \"fields\": [\"tea\"]},\n"
    "  {\"id\": \"P1\", \"name\": \"张敏\", \"level\": \"provincial\", \"org\": \"贵州大学\",\n"
    "   \"province\": \"52\", \"fields\": [\"tea\"], \"declines\": [\"520203\", \"520623\"],\n"
    "   \"prefers\": [\"520203\"]},\n"
    "  {\"id\": \"G1\", \"name\": \"陈静\", \"level\": \"provincial\", \"org\": \"华南农大\",\n"
    "   \"province\": \"44\", \"fields\": [\"oil_tea\"]}],\n"
    " \"current\": [\n"
    "  {\"county\": \"520203\", \"expert\": \"N1\", \"role\": \"leader\"},\n"
    "  {\"county\": \"520203\", \"expert\": \"L1\", \"role\": \"member\"},\n"
    "  {\"county\": \"522327\", \"expert\": \"G1\", \"role\": \"member\"}]}\n";

static am_instance *read_ledger(void) { return amt_read_instance(ledger); }

/* The scope {520623, 522327}, with lock[] for the current memberships (frozen order: by county,
 * then expert: 520203/L1, 520203/N1, 522327/G1). */
static am_instance *cut(const am_instance *full, const bool *lock)
{
    bool in[3];
    for (int c = 0; c < 3; c++)
        in[c] = strcmp(am_instance_county(full, c)->id, "520203") != 0;
    am_scope s = {.county_in = in, .lock = lock};
    am_diags *d = am_diags_new();
    am_instance *out = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_instance_scope(full, &s, &out, d, &err), AM_OK);
    ck_assert_int_eq(am_diags_n_errors(d), 0);
    ck_assert_int_eq(am_validate(out, d, &err), AM_OK);
    ck_assert_int_eq(am_diags_n_errors(d), 0);
    am_diags_free(d);
    return out;
}

static const am_expert *expert(const am_instance *inst, const char *id)
{
    int e = am_instance_find_expert(inst, id);
    ck_assert_int_ge(e, 0);
    return am_instance_expert(inst, e);
}

START_TEST(counties_and_capacities)
{
    am_instance *full = read_ledger(), *s = cut(full, NULL);
    ck_assert_int_eq(am_instance_n_counties(s), 2);
    ck_assert_int_eq(am_instance_find_county(s, "520203"), -1);
    ck_assert_int_eq(am_instance_n_experts(s), 4);
    ck_assert_int_eq(am_instance_n_provinces(s), 3);
    /* N1 leads 520203, outside: one membership and no leadership left */
    ck_assert_int_eq(expert(s, "N1")->capacity, 1);
    ck_assert_int_eq(expert(s, "N1")->leader_capacity, 0);
    /* G1 sits in 522327, inside: nothing deducted */
    ck_assert_int_eq(expert(s, "G1")->capacity, 1);
    /* the county's own lists stay */
    const am_county *c = am_instance_county(s, am_instance_find_county(s, "520623"));
    ck_assert_int_eq(c->n_prefers, 1);
    ck_assert_str_eq(am_instance_expert(s, c->prefers[0])->id, "P1");
    ck_assert_int_eq(c->industries[0].weight, 3);
    am_instance_free(s);
    am_instance_free(full);
}
END_TEST

START_TEST(references_outside_the_scope)
{
    am_instance *full = read_ledger(), *s = cut(full, NULL);
    /* L1's home county is outside: no home county, provincial */
    ck_assert_int_eq(expert(s, "L1")->county, -1);
    ck_assert_int_eq(expert(s, "L1")->level, AM_LEVEL_PROVINCIAL);
    /* P1 declined both; only 520623 is left; the wish for 520203 is gone */
    const am_expert *p1 = expert(s, "P1");
    ck_assert_int_eq(p1->n_declines, 1);
    ck_assert_str_eq(am_instance_county(s, p1->declines[0])->id, "520623");
    ck_assert_int_eq(p1->n_prefers, 0);
    am_instance_free(s);
    am_instance_free(full);
}
END_TEST

START_TEST(current_in_scope_with_locks)
{
    am_instance *full = read_ledger();
    bool lock[3] = {false, false, true};
    ck_assert_str_eq(am_instance_expert(full, am_instance_current(full, 2)->expert)->id, "G1");
    am_instance *s = cut(full, lock);
    ck_assert_int_eq(am_instance_n_current(s), 1);
    const am_current *m = am_instance_current(s, 0);
    ck_assert_str_eq(am_instance_county(s, m->county)->id, "522327");
    ck_assert_str_eq(am_instance_expert(s, m->expert)->id, "G1");
    ck_assert(m->locked);
    ck_assert_int_eq(m->role, AM_ROLE_MEMBER);
    am_instance_free(s);
    s = cut(full, NULL);
    ck_assert(!am_instance_current(s, 0)->locked);
    am_instance_free(s);
    am_instance_free(full);
}
END_TEST

START_TEST(everything_in_scope_is_the_same_instance)
{
    am_instance *full = read_ledger();
    bool in[3] = {true, true, true};
    am_scope sc = {.county_in = in};
    am_diags *d = am_diags_new();
    am_instance *s = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_instance_scope(full, &sc, &s, d, &err), AM_OK);
    am_sink *a = am_sink_new(), *b = am_sink_new();
    am_json_write_instance(full, a);
    am_json_write_instance(s, b);
    size_t la, lb;
    const char *da = am_sink_data(a, &la), *db = am_sink_data(b, &lb);
    ck_assert_uint_eq(la, lb);
    ck_assert(memcmp(da, db, la) == 0);
    am_sink_free(a);
    am_sink_free(b);
    am_diags_free(d);
    am_instance_free(s);
    am_instance_free(full);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("scope");
    TCase *tc = tcase_create("scope");
    tcase_add_test(tc, counties_and_capacities);
    tcase_add_test(tc, references_outside_the_scope);
    tcase_add_test(tc, current_in_scope_with_locks);
    tcase_add_test(tc, everything_in_scope_is_the_same_instance);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? 1 : 0;
}
