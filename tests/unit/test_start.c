/* tests/unit/test_start.c: the fast path's first groups (models/match_start.c, match_improve.c)
 * and its endgame (match_nbhd.c) on instances small enough to work out by hand.
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

/* Two Guizhou counties with groups of exactly one member: A = 520203 六枝特区 (tea, weight 3)
 * and B = 520623 石阡县 (kiwifruit, weight 3). N (李秀英, national, tea and kiwifruit, in one
 * group at most, leading one) and M (王伟, national, tea) can lead; P (刘洋, provincial,
 * kiwifruit) cannot. Every pair scores 3: (A,N), (A,M), (B,N), (B,P). */
static const char *const LEAD2_INSTANCE =
    "{\"format\": \"advmatch-instance/1\","
    " \"policy\": {\"group_size\": {\"min\": 1, \"target\": 1, \"max\": 1},"
    "  \"local_members\": {\"min\": 0, \"max\": 1}, \"pairing_members\": {\"min\": 0, \"max\": 1}},"
    " \"provinces\": [{\"code\": \"52\", \"name\": \"贵州省\", \"region\": \"west\","
    "   \"paired_with\": \"33\"},"
    "  {\"code\": \"33\", \"name\": \"浙江省\", \"region\": \"east\"},"
    "  {\"code\": \"11\", \"name\": \"北京市\", \"region\": \"east\"}],"
    " \"counties\": ["
    "  {\"id\": \"520203\", \"name\": \"六枝特区\", \"province\": \"52\","
    "   \"industries\": [{\"field\": \"tea\", \"weight\": 3}]},"
    "  {\"id\": \"520623\", \"name\": \"石阡县\", \"province\": \"52\","
    "   \"industries\": [{\"field\": \"kiwifruit\", \"weight\": 3}]}],"
    " \"experts\": ["
    "  {\"id\": \"N\", \"name\": \"李秀英\", \"level\": \"national\", \"org\": \"中国农科院\","
    "   \"province\": \"11\", \"fields\": [\"tea\", \"kiwifruit\"], \"capacity\": 1},"
    "  {\"id\": \"M\", \"name\": \"王伟\", \"level\": \"national\", \"org\": \"中国农大\","
    "   \"province\": \"11\", \"fields\": [\"tea\"]},"
    "  {\"id\": \"P\", \"name\": \"刘洋\", \"level\": \"provincial\", \"org\": \"贵州大学\","
    "   \"province\": \"52\", \"fields\": [\"kiwifruit\"]}]}";

/* A small instance's groups, by pair, with everything needed to improve and value them. */
typedef struct groups {
    world w;
    unsigned char *chosen, *leads;
    long long before; /* the value of the groups given */
} groups;

/* Read `json`, check that every pair scores 3, and set the groups from `n` memberships:
 * county[i], expert[i], leading when lead[i]. */
static void groups_of(groups *g, const char *json, int n, const char *const *county,
                      const char *const *expert, const bool *lead)
{
    am_error err = {0};
    am_candidates *cands = NULL;
    g->w.inst = amt_read_instance(json);
    g->w.arena = am_arena_new();
    ck_assert_ptr_nonnull(g->w.arena);
    ck_assert_int_eq(am_candidates_build(g->w.inst, g->w.arena, &cands, &err), AM_OK);
    g->w.m = (match_model){.inst = g->w.inst, .pol = am_instance_policy(g->w.inst),
                           .cands = cands, .arena = g->w.arena};
    ck_assert_int_eq(match_current_init(&g->w.m, &err), AM_OK);
    ck_assert_int_eq(match_rank(&g->w.m, &err), AM_OK);
    for (long long k = 0; k < cands->n_pairs; k++)
        ck_assert_int_eq(match_pair_objective(&g->w.m, k), 3);
    g->chosen = AM_ARENA_ARRAY(g->w.arena, unsigned char, cands->n_pairs);
    g->leads = AM_ARENA_ARRAY(g->w.arena, unsigned char, cands->n_pairs);
    ck_assert(g->chosen && g->leads);
    for (int i = 0; i < n; i++) {
        long long k = pair_of(&g->w, county[i], expert[i]);
        g->chosen[k] = 1;
        g->leads[k] = lead[i];
    }
    g->before = value_of(&g->w, g->chosen, g->leads);
}

/* Improve the groups; returns the gain. */
static long long improve_groups(groups *g)
{
    am_error err = {0};
    match_improver *u = NULL;
    ck_assert_int_eq(match_improver_new(&g->w.m, g->w.arena, &u, &err), AM_OK);
    ck_assert_int_eq(match_improve(u, g->chosen, g->leads, &err), AM_OK);
    return value_of(&g->w, g->chosen, g->leads) - g->before;
}

/* Does `expert` sit in `county`'s group, leading when `lead`? */
static bool sits(const groups *g, const char *county, const char *expert, bool lead)
{
    long long k = pair_of(&g->w, county, expert);
    return g->chosen[k] && (g->leads[k] != 0) == lead;
}

START_TEST(local_moves_put_a_leader_in_a_full_group_in_a_members_place)
{
    /* P alone, no leader: 3 - 1000. Adding N as leader would make two members (max 1) and a
     * plain swap keeps no leader: only N leading in P's place gains, 1000 */
    groups g;
    groups_of(&g, LEAD_INSTANCE, 1, (const char *const[]){"520623"}, (const char *const[]){"P"},
              (const bool[]){false});
    ck_assert_int_eq(g.before, 3 - 1000);
    ck_assert_int_eq(improve_groups(&g), 1000);
    ck_assert(sits(&g, "520623", "N", true) && !g.chosen[pair_of(&g.w, "520623", "P")]);
    teardown_world(&g.w);
}
END_TEST

START_TEST(local_moves_let_a_member_take_the_lead)
{
    /* N sits as a plain member: it cannot join again, but it can lead instead (+1000) */
    groups g;
    groups_of(&g, LEAD_INSTANCE, 1, (const char *const[]){"520623"}, (const char *const[]){"N"},
              (const bool[]){false});
    ck_assert_int_eq(improve_groups(&g), 1000);
    ck_assert(sits(&g, "520623", "N", true));
    teardown_world(&g.w);
}
END_TEST

START_TEST(local_moves_hand_a_leader_over_to_a_group_without_one)
{
    /* N leads A, P sits alone in B (no leader: -1000). N has no room left and M cannot serve
     * B; A can lead with M instead (3 for 3), so N leads B in P's place: +1000 in all */
    groups g;
    groups_of(&g, LEAD2_INSTANCE, 2, (const char *const[]){"520203", "520623"},
              (const char *const[]){"N", "P"}, (const bool[]){true, false});
    ck_assert_int_eq(g.before, 3 + 3 - 1000);
    ck_assert_int_eq(improve_groups(&g), 1000);
    ck_assert(sits(&g, "520623", "N", true) && sits(&g, "520203", "M", true));
    ck_assert(!g.chosen[pair_of(&g.w, "520623", "P")]);
    teardown_world(&g.w);
}
END_TEST

/* The endgame on the first instance: the full model built, the groups county by county (A: X,
 * B: Y, worth 9), and an LP solution that differs from them in the counties `a_differs` and
 * `b_differs` say. Returns the gain. */
static long long endgame(world *w, unsigned char *chosen, unsigned char *leads, bool a_differs,
                         bool b_differs)
{
    am_error err = {0};
    am_match_params p;
    am_match_params_init(&p);
    ck_assert_int_eq(am_lp_new(w->arena, &w->m.lp, &err), AM_OK);
    ck_assert_int_eq(match_build(&w->m, &err), AM_OK);
    chosen[w->ax] = chosen[w->by] = 1;
    double x[4] = {0}, y[4] = {0}; /* the optimum (B: X, A: Y) where asked, else the groups */
    x[w->ay] = a_differs ? 1 : 0;
    x[w->ax] = a_differs ? 0 : 1;
    x[w->bx] = b_differs ? 1 : 0;
    x[w->by] = b_differs ? 0 : 1;
    long long gain = -1;
    ck_assert_int_eq(match_nbhd(&w->m, &p, x, y, chosen, leads, &gain, &err), AM_OK);
    am_lp_free(w->m.lp);
    return gain;
}

START_TEST(the_endgame_solves_the_counties_where_the_lp_differs_together)
{
    /* both counties differ: solved together, the exchange gives the optimum, 11 (+2) */
    world w;
    setup_world(&w);
    unsigned char chosen[4] = {0}, leads[4] = {0};
    ck_assert_int_eq(endgame(&w, chosen, leads, true, true), 2);
    ck_assert(chosen[w.bx] && chosen[w.ay] && !chosen[w.ax] && !chosen[w.by]);
    ck_assert_int_eq(value_of(&w, chosen, leads), 11 - 3000); /* no leader: 1000 x (1 + 2) */
    teardown_world(&w);
}
END_TEST

START_TEST(the_endgame_keeps_the_other_groups_and_their_experts)
{
    /* only B differs: A keeps X, whose one place that takes, so B cannot have X (8) and keeps
     * Y (6): no gain. Were A's hold on X forgotten, B would take X for +2 and X would sit in
     * two groups. */
    world w;
    setup_world(&w);
    unsigned char chosen[4] = {0}, leads[4] = {0};
    ck_assert_int_eq(endgame(&w, chosen, leads, false, true), 0);
    ck_assert(chosen[w.ax] && chosen[w.by] && !chosen[w.bx] && !chosen[w.ay]);
    teardown_world(&w);
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
    tcase_add_test(tc, local_moves_hand_a_leader_over_to_a_group_without_one);
    tcase_add_test(tc, the_endgame_solves_the_counties_where_the_lp_differs_together);
    tcase_add_test(tc, the_endgame_keeps_the_other_groups_and_their_experts);
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
