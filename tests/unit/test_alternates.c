/* tests/unit/test_alternates.c: am_alternates (engine/am_alternates.c) on a hand-solved instance
 * and, as a property, on generated ones: every delta equals the independent checker's objective
 * difference, every swapped result passes am_check, and every candidate left out breaks a rule
 * or adds a shortfall.
 *
 * The hand-solved instance, fixtures/rules/alternates/instance.json (its result.json is the
 * output of `advmatch solve`, checked by hand here). Policy: size 2..4 (target 4), local 1..1,
 * pairing 1..1, max_same_org 1; default penalties and preference bonus 2. Province 52 (Guizhou)
 * is paired with 44 (Guangdong); 11 and 33 are other eastern provinces.
 * County 520623: tea (weight 2), chili (1); stages production, processing. County 522323: rice.
 * Scores in 520623 (tea 2 + chili 1 + 2 per preference):
 *   N1 national CAU    chili, processing, prefers 520623  3   can lead
 *   N2 national CAAS   chili, processing                  1   can lead
 *   N3 national ZJU    tea, leader_capacity 0             2   cannot lead
 *   N4 national CAU    tea                                2   can lead
 *   N5 national CAF    rice                               -   no shared field: not a candidate
 *   P1 provincial GZU  tea, production, prefers 520623    4
 *   P2 provincial CAU  tea, chili, production+processing  3
 *   P3 provincial GAAS tea, rice, production              2   sits in 522323's group (capacity 1)
 *   P4 provincial GZNU chili, production                  1
 *   P5 provincial GZU  tea                                2
 *   P6 provincial      tea, declines 520623               -   not a candidate
 *   X1 provincial of 33 (a third province), tea           -   not a candidate
 *   L1 local, chili, production                           1
 *   L2 local, production                                  0
 *   G1 of 44, chili, processing, prefers 520623           3   paired
 *   G2 of 44, chili                                       1   paired
 * The optimum: 520623 = N1 (leader), G1, L1, P1: score 11, no shortfall; 522323 = N5 (leader),
 * P3: score 2, local and pairing shortfalls (-200); objective -187.
 * The group covers tea only through P1, chili through N1, L1, G1, production through L1, P1,
 * processing through N1, G1. A swap keeps the size; every replacement below keeps every rule.
 *   N1 (leader): N4 delta -1 (same organisation as N1, which leaves), N2 delta -2. Not N3
 *       (leader_capacity 0), not P*, G*, L* (not national).
 *   G1: G2 delta -2. Anyone else leaves the pairing quota short; G2 elsewhere would exceed it.
 *   L1: L2 delta -1 (covers no industry; chili stays with N1, G1). A non-local would leave the
 *       local quota short.
 *   P1: N3 and P5, both delta -2 and score 2, so by id. Not N2, P4 (no tea: an industry
 *       shortfall), N4, P2 (organisation CAU of N1: above max_same_org 1), P3 (capacity used in
 *       522323), L2 (a second local), G2 (a second paired member), X1, P6, N5 (not candidates).
 * With current[] = N1 leader locked, P1 and N3 members unlocked (the change penalty is 20):
 * N1 has no replacement (locked); replacing P1 drops it (-20) and N3 comes back (+20), so P1's
 * list becomes N3 -2, P5 -22. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advmatch/am_alternates.h"
#include "advmatch/am_candidates.h"
#include "advmatch/am_check.h"
#include "advmatch/am_gen.h"
#include "advmatch/am_json.h"
#include "advmatch/am_match.h"
#include "advmatch/am_validate.h"
#include "am_test.h"

static am_instance *parse_instance(const char *data, size_t len)
{
    am_error err = {0};
    am_instance *inst = NULL;
    am_diags *d = am_diags_new();
    ck_assert_int_eq(am_json_read_instance(data, len, &inst, d, &err), AM_OK);
    ck_assert_int_eq(am_validate(inst, d, &err), AM_OK);
    char *text = amt_diags_text(d);
    ck_assert_msg(am_diags_n_errors(d) == 0, "%s", text);
    free(text);
    am_diags_free(d);
    return inst;
}

static am_instance *hand_instance(const char *current)
{
    size_t len;
    char *data = amt_slurp("fixtures/rules/alternates/instance.json", &len);
    am_instance *inst;
    if (!current) {
        inst = parse_instance(data, len);
    } else { /* the same instance with a current[] list: inserted before the final brace */
        char *end = strrchr(data, '}');
        ck_assert_ptr_nonnull(end);
        *end = '\0';
        size_t n = strlen(data) + strlen(current) + 64;
        char *text = malloc(n);
        snprintf(text, n, "%s, \"current\": %s}\n", data, current);
        inst = parse_instance(text, strlen(text));
        free(text);
    }
    free(data);
    return inst;
}

static am_result *hand_result(const am_instance *inst)
{
    size_t len;
    char *data = amt_slurp("fixtures/rules/alternates/result.json", &len);
    am_error err = {0};
    am_result *res = NULL;
    am_diags *d = am_diags_new();
    ck_assert_int_eq(am_json_read_result(data, len, inst, &res, d, &err), AM_OK);
    ck_assert_int_eq(am_diags_n_errors(d), 0);
    am_diags_free(d);
    free(data);
    return res;
}

/* The list of county `cid`, member `mid` as "ID:channel:score:delta" lines joined by spaces. */
static void expect_list(const am_instance *inst, const am_result *res, const char *cid,
                        const char *mid, int k, const char *want, int n_allowed, bool locked)
{
    am_arena *a = am_arena_new();
    am_alternates_list l;
    am_error err = {0};
    int c = am_instance_find_county(inst, cid), e = am_instance_find_expert(inst, mid);
    ck_assert_msg(am_alternates(inst, res, c, e, k, a, &l, &err) == AM_OK, "%s", err.message);
    char got[1024] = "";
    for (int i = 0; i < l.n; i++) {
        size_t len = strlen(got);
        snprintf(got + len, sizeof got - len, "%s%s:%s:%lld:%lld", i ? " " : "",
                 am_instance_expert(inst, l.alts[i].expert)->id,
                 am_channel_name(l.alts[i].channel), l.alts[i].score, l.alts[i].delta);
    }
    ck_assert_msg(strcmp(got, want) == 0, "%s %s: got \"%s\", want \"%s\"", cid, mid, got, want);
    ck_assert_int_eq(l.n_allowed, n_allowed);
    ck_assert_int_eq(l.locked, locked);
    am_arena_free(a);
}

START_TEST(hand_solved_lists)
{
    am_instance *inst = hand_instance(NULL);
    am_result *res = hand_result(inst);
    expect_list(inst, res, "520623", "N1", 0, "N4:national:2:-1 N2:national:1:-2", 2, false);
    expect_list(inst, res, "520623", "G1", 0, "G2:paired:1:-2", 1, false);
    expect_list(inst, res, "520623", "L1", 0, "L2:local:0:-1", 1, false);
    expect_list(inst, res, "520623", "P1", 0, "N3:national:2:-2 P5:province:2:-2", 2, false);
    /* k keeps the best k; n_allowed still counts them all */
    expect_list(inst, res, "520623", "N1", 1, "N4:national:2:-1", 2, false);
    expect_list(inst, res, "520623", "P1", 5, "N3:national:2:-2 P5:province:2:-2", 2, false);
    /* 522323: N5 is its only leader candidate, P3 its only other candidate */
    expect_list(inst, res, "522323", "N5", 0, "", 0, false);
    expect_list(inst, res, "522323", "P3", 0, "", 0, false);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(hand_fixture_is_the_solvers_optimum)
{
    am_instance *inst = hand_instance(NULL);
    am_match_params p;
    am_match_params_init(&p);
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_msg(am_match(inst, &p, &res, &err) == AM_OK, "%s", err.message);
    ck_assert_int_eq(am_result_objective(res), -187);
    am_sink *s = am_sink_new();
    am_json_write_result(res, s);
    size_t len, flen;
    const char *got = am_sink_data(s, &len);
    char *want = amt_slurp("fixtures/rules/alternates/result.json", &flen);
    ck_assert_str_eq(got, want);
    free(want);
    am_sink_free(s);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(locked_member_and_change_penalty)
{
    am_instance *inst = hand_instance(
        "[{\"county\": \"520623\", \"expert\": \"N1\", \"role\": \"leader\", \"locked\": true},"
        " {\"county\": \"520623\", \"expert\": \"P1\", \"role\": \"member\"},"
        " {\"county\": \"520623\", \"expert\": \"N3\", \"role\": \"member\"}]");
    am_result *res = hand_result(inst);
    expect_list(inst, res, "520623", "N1", 0, "", 0, true);
    expect_list(inst, res, "520623", "P1", 0, "N3:national:2:-2 P5:province:2:-22", 2, false);
    expect_list(inst, res, "520623", "G1", 0, "G2:paired:1:-2", 1, false);
    expect_list(inst, res, "520623", "L1", 0, "L2:local:0:-1", 1, false);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(bad_arguments_are_input_errors)
{
    am_instance *inst = hand_instance(NULL);
    am_result *res = hand_result(inst);
    am_arena *a = am_arena_new();
    am_alternates_list l;
    am_error err = {0};
    int c = am_instance_find_county(inst, "520623");
    ck_assert_int_eq(am_alternates(inst, res, c, am_instance_find_expert(inst, "N2"), 5, a, &l,
                                   &err),
                     AM_EINPUT);
    ck_assert_msg(strstr(err.message, "\"N2\" is not a member") != NULL, "%s", err.message);
    ck_assert_str_eq(err.record, "county 520623");
    am_error_clear(&err);
    ck_assert_int_eq(am_alternates(inst, res, 7, 0, 5, a, &l, &err), AM_EINPUT);
    am_error_clear(&err);
    ck_assert_int_eq(am_alternates(inst, res, c, -1, 5, a, &l, &err), AM_EINPUT);
    /* a result of another instance (one county) */
    size_t len;
    char *data = amt_slurp("fixtures/rules/org/instance.json", &len);
    am_instance *other = parse_instance(data, len);
    free(data);
    am_result *wrong = NULL;
    ck_assert_int_eq(am_result_new(other, &wrong, &err), AM_OK);
    am_error_clear(&err);
    ck_assert_int_eq(am_alternates(inst, wrong, c, 0, 5, a, &l, &err), AM_EINPUT);
    ck_assert_msg(strstr(err.message, "another instance") != NULL, "%s", err.message);
    am_result_free(wrong);
    am_instance_free(other);
    am_arena_free(a);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

START_TEST(out_of_memory_is_reported_and_leaks_nothing)
{
    am_instance *inst = hand_instance(NULL);
    am_result *res = hand_result(inst);
    int c = am_instance_find_county(inst, "520623"), e = am_instance_find_expert(inst, "P1");
    am_status st = AM_ENOMEM;
    for (long n = 0; st == AM_ENOMEM && n < 100; n++) {
        am_arena *a = am_arena_new();
        am_alternates_list l;
        am_error err = {0};
        am_arena_fail_after(n);
        st = am_alternates(inst, res, c, e, 5, a, &l, &err);
        am_arena_fail_after(-1);
        if (st == AM_ENOMEM) {
            ck_assert_ptr_null(l.alts);
            ck_assert_int_eq(l.n, 0);
            ck_assert_msg(strstr(err.message, "out of memory") != NULL, "%s", err.message);
        }
        am_arena_free(a);
    }
    ck_assert_int_eq(st, AM_OK);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

/* ---- the property: deltas against the independent checker ---- */

/* `res` with the member in seat `seat` of county c's group replaced by expert e (same role);
 * with `claim`, each group claims the shortfalls `res` lists (so that am_check names every
 * shortfall the swap adds). */
static am_result *swapped(const am_instance *inst, const am_result *res, int c, int seat, int e,
                          bool claim)
{
    am_result *out = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_result_new(inst, &out, &err), AM_OK);
    for (int k = 0; k < am_result_n_groups(res); k++) {
        const am_group *g = am_result_group(res, k);
        for (int i = 0; i < g->n_members; i++) {
            am_member m = g->members[i];
            if (k == c && i == seat) {
                am_cand cand = {0};
                am_candidate_of(inst, c, e, &cand);
                m.expert = e;
                m.expert_id = am_instance_expert(inst, e)->id;
                m.channel = cand.channel;
                m.score = cand.score;
            }
            ck_assert_int_eq(am_result_add_member(out, k, &m, &err), AM_OK);
        }
        for (int i = 0; claim && i < g->n_shortfalls; i++)
            ck_assert_int_eq(am_result_add_shortfall(out, k, g->shortfalls[i].rule,
                                                     g->shortfalls[i].missing,
                                                     g->shortfalls[i].detail, &err),
                             AM_OK);
    }
    am_result_finish(out);
    return out;
}

static am_check_report check_of(const am_instance *inst, const am_result *res, am_diags *d)
{
    am_check_report rep;
    am_error err = {0};
    ck_assert_int_eq(am_check(inst, res, d, &rep, &err), AM_OK);
    return rep;
}

/* Does a finding of am_check say that a shortfall is new or larger than claimed? */
static bool adds_shortfall(const am_diags *d)
{
    for (int i = 0; i < am_diags_count(d); i++) {
        const am_diag *x = am_diags_get(d, i);
        if (strcmp(x->field, "shortfalls") != 0)
            continue;
        if (strstr(x->message, "is not claimed"))
            return true;
        const char *p = strstr(x->message, ": missing ");
        int claimed, recomputed;
        if (p && sscanf(p, ": missing %d claimed, %d recomputed", &claimed, &recomputed) == 2 &&
            recomputed > claimed)
            return true;
    }
    return false;
}

static int check_seat(const am_instance *inst, const am_result *res, long long before, int c,
                      int seat, const char *label)
{
    const am_group *g = am_result_group(res, c);
    int ne = am_instance_n_experts(inst);
    am_arena *a = am_arena_new();
    am_alternates_list l;
    am_error err = {0};
    ck_assert_msg(am_alternates(inst, res, c, g->members[seat].expert, 0, a, &l, &err) == AM_OK,
                  "%s: %s", label, err.message);
    ck_assert_int_eq(l.n, l.n_allowed);
    char *allowed = calloc((size_t)ne + 1, 1);
    for (int i = 0; i < l.n; i++) {
        const am_alternate *x = &l.alts[i];
        if (i > 0) { /* ranked: delta, then score descending, then id */
            const am_alternate *w = &l.alts[i - 1];
            ck_assert_msg(w->delta > x->delta || (w->delta == x->delta && w->score > x->score) ||
                              (w->delta == x->delta && w->score == x->score &&
                               w->expert < x->expert),
                          "%s: order at %d", label, i);
        }
        allowed[x->expert] = 1;
        am_diags *d = am_diags_new();
        am_result *after = swapped(inst, res, c, seat, x->expert, false);
        am_check_report rep = check_of(inst, after, d);
        char *text = amt_diags_text(d);
        ck_assert_msg(rep.n_violations == 0, "%s -> %s: %s", label,
                      am_instance_expert(inst, x->expert)->id, text);
        ck_assert_msg(rep.objective - before == x->delta, "%s -> %s: delta %lld, checker %lld",
                      label, am_instance_expert(inst, x->expert)->id, x->delta,
                      rep.objective - before);
        free(text);
        am_result_free(after);
        am_diags_free(d);
    }
    /* every other candidate pair breaks a rule or adds a shortfall */
    for (int e = 0; e < ne && !l.locked; e++) {
        am_cand cand;
        bool member = false;
        for (int i = 0; i < g->n_members; i++)
            member |= g->members[i].expert == e;
        if (member || allowed[e] || !am_candidate_of(inst, c, e, &cand))
            continue;
        am_diags *d = am_diags_new();
        am_result *after = swapped(inst, res, c, seat, e, true);
        am_check_report rep = check_of(inst, after, d);
        ck_assert_msg(rep.n_violations > 0 || adds_shortfall(d), "%s: %s left out but keeps "
                      "every rule", label, am_instance_expert(inst, e)->id);
        am_result_free(after);
        am_diags_free(d);
    }
    free(allowed);
    int n = l.n;
    am_arena_free(a);
    return n;
}

/* Every alternate of every member of every group of `res`; returns how many were checked. */
static int check_all(const am_instance *inst, const am_result *res, const char *what)
{
    am_diags *d = am_diags_new();
    am_check_report rep = check_of(inst, res, d);
    char *text = amt_diags_text(d);
    ck_assert_msg(rep.n_violations == 0, "%s: %s", what, text);
    free(text);
    am_diags_free(d);
    int n = 0;
    for (int c = 0; c < am_result_n_groups(res); c++) {
        const am_group *g = am_result_group(res, c);
        for (int i = 0; i < g->n_members; i++) {
            char label[160];
            snprintf(label, sizeof label, "%s: county %s member %s", what,
                     am_instance_county(inst, c)->id, g->members[i].expert_id);
            n += check_seat(inst, res, rep.objective, c, i, label);
        }
    }
    return n;
}

START_TEST(hand_deltas_equal_the_checkers)
{
    am_instance *inst = hand_instance(NULL);
    am_result *res = hand_result(inst);
    ck_assert_int_eq(check_all(inst, res, "hand"), 6);
    am_result_free(res);
    am_instance_free(inst);
    inst = hand_instance(
        "[{\"county\": \"520623\", \"expert\": \"N1\", \"role\": \"leader\", \"locked\": true},"
        " {\"county\": \"520623\", \"expert\": \"P1\", \"role\": \"member\"},"
        " {\"county\": \"520623\", \"expert\": \"N3\", \"role\": \"member\"}]");
    res = hand_result(inst);
    ck_assert_int_eq(check_all(inst, res, "hand with current"), 4);
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

static am_result *solve(const am_instance *inst, unsigned seed)
{
    am_match_params p;
    am_match_params_init(&p);
    am_result *res = NULL;
    am_error err = {0};
    ck_assert_msg(am_match(inst, &p, &res, &err) == AM_OK, "seed %u: %s", seed, err.message);
    return res;
}

/* The instance again with current[]: the memberships of `res`, every other county's leader
 * locked, and the best alternate of each group's last member as an unlocked membership too
 * (so that some unlocked current memberships are not in the new groups). */
static am_instance *with_current(const am_instance *inst, const am_result *res)
{
    am_sink *s = am_sink_new();
    am_json_write_instance(inst, s);
    size_t len;
    char *text = strdup(am_sink_data(s, &len));
    am_sink_free(s);
    char *end = strrchr(text, '}');
    *end = '\0';
    s = am_sink_new();
    am_sink_printf(s, "%s, \"current\": [", text);
    free(text);
    am_arena *a = am_arena_new();
    int n = 0;
    for (int c = 0; c < am_result_n_groups(res); c++) {
        const am_group *g = am_result_group(res, c);
        const char *cid = am_instance_county(inst, c)->id;
        for (int i = 0; i < g->n_members; i++)
            am_sink_printf(s, "%s{\"county\": \"%s\", \"expert\": \"%s\", \"role\": \"%s\", "
                              "\"locked\": %s}", n++ ? ", " : "", cid, g->members[i].expert_id,
                           am_role_name(g->members[i].role),
                           g->members[i].role == AM_ROLE_LEADER && c % 2 ? "true" : "false");
        am_alternates_list l;
        am_error err = {0};
        if (g->n_members > 0 &&
            am_alternates(inst, res, c, g->members[g->n_members - 1].expert, 1, a, &l, &err) ==
                AM_OK &&
            l.n > 0)
            am_sink_printf(s, "%s{\"county\": \"%s\", \"expert\": \"%s\", \"role\": \"member\"}",
                           n++ ? ", " : "", cid, am_instance_expert(inst, l.alts[0].expert)->id);
    }
    am_sink_puts(s, "]}\n");
    am_arena_free(a);
    ck_assert_int_eq(am_sink_status(s), AM_OK);
    const char *data = am_sink_data(s, &len);
    am_instance *out = parse_instance(data, len);
    am_sink_free(s);
    return out;
}

START_TEST(generated_deltas_equal_the_checkers)
{
    unsigned seed = 100 + (unsigned)_i;
    am_gen_params gp;
    am_gen_params_init(&gp);
    gp.n_counties = 4 + _i % 4;
    gp.n_experts = gp.n_counties * (14 + _i % 5);
    gp.seed = seed;
    am_instance *inst = NULL;
    am_error err = {0};
    ck_assert_msg(am_gen_instance(&gp, &inst, &err) == AM_OK, "seed %u: %s", seed, err.message);
    am_result *res = solve(inst, seed);
    char what[64];
    snprintf(what, sizeof what, "seed %u", seed);
    int n = check_all(inst, res, what);
    ck_assert_msg(n > 0, "seed %u: no alternate at all", seed);
    if (_i % 2 == 0) { /* again with current memberships, some locked, some dropped */
        am_instance *again = with_current(inst, res);
        am_result *res2 = solve(again, seed);
        snprintf(what, sizeof what, "seed %u with current", seed);
        check_all(again, res2, what);
        am_result_free(res2);
        am_instance_free(again);
    }
    am_result_free(res);
    am_instance_free(inst);
}
END_TEST

static Suite *alternates_suite(void)
{
    Suite *s = suite_create("alternates");
    TCase *tc = tcase_create("hand");
    tcase_add_test(tc, hand_solved_lists);
    tcase_add_test(tc, hand_fixture_is_the_solvers_optimum);
    tcase_add_test(tc, locked_member_and_change_penalty);
    tcase_add_test(tc, bad_arguments_are_input_errors);
    tcase_add_test(tc, hand_deltas_equal_the_checkers);
    tcase_add_test(tc, out_of_memory_is_reported_and_leaks_nothing);
    suite_add_tcase(s, tc);
    TCase *props = tcase_create("props");
    tcase_set_timeout(props, 300);
    tcase_add_loop_test(props, generated_deltas_equal_the_checkers, 0, 10);
    suite_add_tcase(s, props);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(alternates_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
