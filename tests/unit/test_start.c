/* tests/unit/test_start.c: the fast path's first groups (models/match_start.c, match_improve.c)
 * on an instance small enough to work out by hand.
 *
 * Two Guizhou counties with one industry (tea, weight 3) and one needed stage (production),
 * groups of exactly one member, no quota minimums, no national expert (so no leader can be
 * had: a constant penalty). Counties in index order (by id): A = 520203 六枝特区, priority 1;
 * B = 520623 石阡县, priority 2, prefers X. Experts, both provincial tea/production with
 * capacity 1: X (张伟) and Y (刘洋). Scores (priority x weight + 2 for a preference):
 *   (A,X) = 3, (A,Y) = 3, (B,X) = 2*3 + 2 = 8, (B,Y) = 6.
 * Going county by county, A (first, ties to the lower expert index) would take X and leave Y
 * to B: 3 + 6 = 9. Best pair first, (B,X) = 8 goes first and A takes Y: 8 + 3 = 11, the
 * optimum. From the county-by-county groups, the local moves reach the same by an exchange:
 * B swaps Y for X (+2) and A takes Y in place of X (0). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "am_test.h"
#include "advmatch/am_candidates.h"
#include "match_model.h"

static const char *const INSTANCE =
    "{\"format\": \"advmatch-instance/1\","
    " \"policy\": {\"group_size\": {\"min\": 1, \"target\": 1, \"max\": 1},"
    "  \"local_members\": {\"min\": 0, \"max\": 1}, \"pairing_members\": {\"min\": 0, \"max\": 1},"
    "  \"max_same_org\": 1},"
    " \"provinces\": [{\"code\": \"52\", \"name\": \"贵州省\", \"region\": \"west\","
    "   \"paired_with\": \"44\"},"
    "  {\"code\": \"44\", \"name\": \"广东省\", \"region\": \"east\", \"paired_with\": null}],"
    " \"counties\": ["
    "  {\"id\": \"520623\", \"name\": \"石阡县\", \"province\": \"52\", \"priority\": 2,"
    "   \"industries\": [{\"field\": \"tea\", \"weight\": 3}], \"stages\": [\"production\"],"
    "   \"prefers\": [\"X\"]},"
    "  {\"id\": \"520203\", \"name\": \"六枝特区\", \"province\": \"52\","
    "   \"industries\": [{\"field\": \"tea\", \"weight\": 3}], \"stages\": [\"production\"]}],"
    " \"experts\": ["
    "  {\"id\": \"X\", \"name\": \"张伟\", \"level\": \"provincial\", \"org\": \"贵州大学\","
    "   \"province\": \"52\", \"county\": null, \"fields\": [\"tea\"],"
    "   \"stages\": [\"production\"], \"capacity\": 1},"
    "  {\"id\": \"Y\", \"name\": \"刘洋\", \"level\": \"provincial\","
    "   \"org\": \"贵州省茶叶研究所\", \"province\": \"52\", \"county\": null,"
    "   \"fields\": [\"tea\"], \"stages\": [\"production\"], \"capacity\": 1}]}";

typedef struct world {
    am_instance *inst;
    am_arena *arena;
    match_model m;
    long long ax, ay, bx, by; /* the four pairs */
} world;

static long long pair_of(const world *w, const char *county, const char *expert)
{
    int c = am_instance_find_county(w->inst, county), e = am_instance_find_expert(w->inst, expert);
    for (long long k = w->m.cands->start[c]; k < w->m.cands->start[c + 1]; k++)
        if (w->m.cands->cands[k].expert == e)
            return k;
    ck_abort_msg("no pair %s-%s", county, expert);
    return -1;
}

static void setup_world(world *w)
{
    am_error err = {0};
    am_candidates *cands = NULL;
    w->inst = amt_read_instance(INSTANCE);
    w->arena = am_arena_new();
    ck_assert_ptr_nonnull(w->arena);
    ck_assert_int_eq(am_candidates_build(w->inst, w->arena, &cands, &err), AM_OK);
    w->m = (match_model){.inst = w->inst, .pol = am_instance_policy(w->inst), .cands = cands,
                         .arena = w->arena};
    ck_assert_int_eq(match_current_init(&w->m, &err), AM_OK);
    ck_assert_int_eq(match_rank(&w->m, &err), AM_OK);
    ck_assert_int_eq(cands->n_pairs, 4);
    w->ax = pair_of(w, "520203", "X");
    w->ay = pair_of(w, "520203", "Y");
    w->bx = pair_of(w, "520623", "X");
    w->by = pair_of(w, "520623", "Y");
    ck_assert_int_eq(match_pair_objective(&w->m, w->ax), 3);
    ck_assert_int_eq(match_pair_objective(&w->m, w->ay), 3);
    ck_assert_int_eq(match_pair_objective(&w->m, w->bx), 8);
    ck_assert_int_eq(match_pair_objective(&w->m, w->by), 6);
}

/* The objective of the groups from their tallies: scores minus penalties. */
static long long value_of(const world *w, const unsigned char *chosen, const unsigned char *leads)
{
    long long v = 0;
    for (int c = 0; c < w->m.cands->n_counties; c++) {
        match_tally t;
        match_tally_group(&w->m, c, chosen, leads, &t);
        v += t.score - match_tally_penalty(&w->m, c, &t);
    }
    return v;
}

static void teardown_world(world *w)
{
    am_arena_free(w->arena);
    am_instance_free(w->inst);
}

START_TEST(the_greedy_gives_the_expert_to_the_county_that_values_it_most)
{
    world w;
    setup_world(&w);
    unsigned char *chosen, *leads;
    am_error err = {0};
    ck_assert_int_eq(match_greedy(&w.m, w.arena, NULL, NULL, &chosen, &leads, &err), AM_OK);
    ck_assert(chosen[w.bx] && chosen[w.ay]);
    ck_assert(!chosen[w.ax] && !chosen[w.by]);
    ck_assert(!leads[w.ax] && !leads[w.ay] && !leads[w.bx] && !leads[w.by]);
    teardown_world(&w);
}
END_TEST

START_TEST(local_moves_exchange_experts_between_two_counties)
{
    world w;
    setup_world(&w);
    unsigned char chosen[4] = {0}, leads[4] = {0};
    chosen[w.ax] = chosen[w.by] = 1; /* county by county: 3 + 6 */
    match_improver *u = NULL;
    am_error err = {0};
    long long before = value_of(&w, chosen, leads);
    ck_assert_int_eq(match_improver_new(&w.m, w.arena, &u, &err), AM_OK);
    ck_assert_int_eq(match_improve(u, chosen, leads, &err), AM_OK);
    ck_assert(chosen[w.bx] && chosen[w.ay]);
    ck_assert(!chosen[w.ax] && !chosen[w.by]);
    ck_assert_int_eq(value_of(&w, chosen, leads) - before, 2); /* 11 - 9, the same penalties */
    teardown_world(&w);
}
END_TEST

START_TEST(local_moves_leave_optimal_groups_as_they_are)
{
    world w;
    setup_world(&w);
    unsigned char chosen[4] = {0}, leads[4] = {0};
    chosen[w.bx] = chosen[w.ay] = 1;
    match_improver *u = NULL;
    am_error err = {0};
    ck_assert_int_eq(match_improver_new(&w.m, w.arena, &u, &err), AM_OK);
    ck_assert_int_eq(match_improve(u, chosen, leads, &err), AM_OK);
    ck_assert(chosen[w.bx] && chosen[w.ay] && !chosen[w.ax] && !chosen[w.by]);
    teardown_world(&w);
}
END_TEST

/* A county whose group is full and has no leader (penalty 1000). One Guizhou county, 520623
 * 石阡县, groups of exactly one member, tea (weight 3); P (刘洋, provincial) and N (李秀英,
 * national, can lead once), both tea: each scores 3 as member or leader. */
static const char *const LEAD_INSTANCE =
    "{\"format\": \"advmatch-instance/1\","
    " \"policy\": {\"group_size\": {\"min\": 1, \"target\": 1, \"max\": 1},"
    "  \"local_members\": {\"min\": 0, \"max\": 1}, \"pairing_members\": {\"min\": 0, \"max\": 1}},"
    " \"provinces\": [{\"code\": \"52\", \"name\": \"贵州省\", \"region\": \"west\","
    "   \"paired_with\": \"33\"},"
    "  {\"code\": \"33\", \"name\": \"浙江省\", \"region\": \"east\"},"
    "  {\"code\": \"11\", \"name\": \"北京市\", \"region\": \"east\"}],"
    " \"counties\": [{\"id\": \"520623\", \"name\": \"石阡县\", \"province\": \"52\","
    "   \"industries\": [{\"field\": \"tea\", \"weight\": 3}]}],"
    " \"experts\": ["
    "  {\"id\": \"N\", \"name\": \"李秀英\", \"level\": \"national\", \"org\": \"中国农科院\","
    "   \"province\": \"11\", \"fields\": [\"tea\"]},"
    "  {\"id\": \"P\", \"name\": \"刘洋\", \"level\": \"provincial\", \"org\": \"贵州大学\","
    "   \"province\": \"52\", \"fields\": [\"tea\"]}]}";

/* The improved groups of LEAD_INSTANCE from one membership (expert `start`, not leading). */
static void improve_lead_instance(const char *start, bool *n_leads, bool *p_chosen,
                                  long long *gain)
{
    am_error err = {0};
    am_candidates *cands = NULL;
    am_instance *inst = amt_read_instance(LEAD_INSTANCE);
    am_arena *a = am_arena_new();
    ck_assert_ptr_nonnull(a);
    ck_assert_int_eq(am_candidates_build(inst, a, &cands, &err), AM_OK);
    world w = {.inst = inst, .arena = a};
    w.m = (match_model){.inst = inst, .pol = am_instance_policy(inst), .cands = cands, .arena = a};
    ck_assert_int_eq(match_current_init(&w.m, &err), AM_OK);
    ck_assert_int_eq(match_rank(&w.m, &err), AM_OK);
    ck_assert_int_eq(cands->n_pairs, 2);
    long long n = pair_of(&w, "520623", "N"), p = pair_of(&w, "520623", "P");
    ck_assert_int_eq(match_pair_objective(&w.m, n), 3);
    ck_assert_int_eq(match_pair_objective(&w.m, p), 3);
    unsigned char chosen[2] = {0}, leads[2] = {0};
    chosen[strcmp(start, "N") == 0 ? n : p] = 1;
    long long before = value_of(&w, chosen, leads);
    ck_assert_int_eq(before, 3 - 1000);
    match_improver *u = NULL;
    ck_assert_int_eq(match_improver_new(&w.m, a, &u, &err), AM_OK);
    ck_assert_int_eq(match_improve(u, chosen, leads, &err), AM_OK);
    *n_leads = chosen[n] && leads[n];
    *p_chosen = chosen[p] != 0;
    *gain = value_of(&w, chosen, leads) - before;
    teardown_world(&w);
}

START_TEST(local_moves_put_a_leader_in_a_full_group_in_a_members_place)
{
    /* adding N as leader would make two members (max 1), a plain swap keeps no leader: only
     * N leading in P's place gains, 1000 (3 - 3 + the leader penalty) */
    bool n_leads, p_chosen;
    long long gain;
    improve_lead_instance("P", &n_leads, &p_chosen, &gain);
    ck_assert(n_leads && !p_chosen);
    ck_assert_int_eq(gain, 1000);
}
END_TEST

START_TEST(local_moves_let_a_member_take_the_lead)
{
    /* N sits as a plain member: it cannot join again, but it can lead instead (+1000) */
    bool n_leads, p_chosen;
    long long gain;
    improve_lead_instance("N", &n_leads, &p_chosen, &gain);
    ck_assert(n_leads && !p_chosen);
    ck_assert_int_eq(gain, 1000);
}
END_TEST

static Suite *start_suite(void)
{
    Suite *s = suite_create("start");
    TCase *tc = tcase_create("first groups");
    tcase_add_test(tc, the_greedy_gives_the_expert_to_the_county_that_values_it_most);
    tcase_add_test(tc, local_moves_exchange_experts_between_two_counties);
    tcase_add_test(tc, local_moves_leave_optimal_groups_as_they_are);
    tcase_add_test(tc, local_moves_put_a_leader_in_a_full_group_in_a_members_place);
    tcase_add_test(tc, local_moves_let_a_member_take_the_lead);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(start_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
