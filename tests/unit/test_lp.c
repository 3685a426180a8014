/* tests/unit/test_lp.c: the GLPK front (models/am_lp*.c) on models small enough to solve by
 * hand: a knapsack, the row builder's merging and refusals, the start solution, a stop request
 * that ends the search with the start solution, columns added after a solve (and fixed before
 * GLPK has them), a node limit, two problems alive at once, and a first basis with columns in
 * place of tight rows (and its fallback when that basis is singular). */
#include <check.h>
#include <signal.h>
#include <stdlib.h>

#include "am_lp.h"
#include "am_test.h"

/* max 5a + 4b + 3c  s.t.  2a + 3b + c <= 4 (row given as 2a + 3b + 0.5c + 0.5c), binary.
 * Feasible sets: {a,c} = 8 (weight 3), {a} 5, {b,c} 7 (weight 4), {a,b} weight 5 > 4.
 * Optimum 8 with a = c = 1, b = 0. The LP relaxation: a = 1, c = 1, b = 1/3: 8 + 4/3. */
static am_lp *knapsack(am_arena *a, int *cols)
{
    am_lp *lp = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_lp_new(a, &lp, &err), AM_OK);
    cols[0] = am_lp_add_col(lp, AM_LP_BINARY, 0, 1, 5);
    cols[1] = am_lp_add_col(lp, AM_LP_BINARY, 0, 1, 4);
    cols[2] = am_lp_add_col(lp, AM_LP_BINARY, 0, 1, 3);
    am_lp_row_begin(lp);
    ck_assert_int_eq(am_lp_row_add(lp, cols[0], 2, &err), AM_OK);
    ck_assert_int_eq(am_lp_row_add(lp, cols[1], 3, &err), AM_OK);
    ck_assert_int_eq(am_lp_row_add(lp, cols[2], 0.5, &err), AM_OK);
    ck_assert_int_eq(am_lp_row_add(lp, cols[2], 0.5, &err), AM_OK);
    ck_assert_int_eq(am_lp_row_end(lp, AM_LP_LE, 0, 4, &err), AM_OK);
    return lp;
}

START_TEST(knapsack_is_solved_to_its_hand_computed_optimum)
{
    am_arena *a = am_arena_new();
    int c[3];
    am_lp *lp = knapsack(a, c);
    ck_assert_int_eq(am_lp_n_nonzeros(lp), 3); /* the two halves of c were merged */
    am_lp_solve_params p = {.integral_objective = true};
    am_lp_outcome out;
    am_error err = {0};
    ck_assert_int_eq(am_lp_solve(lp, &p, &out, &err), AM_OK);
    ck_assert_int_eq(out.end, AM_LP_END_OPTIMAL);
    ck_assert(out.has_solution);
    ck_assert_double_eq_tol(out.objective, 8.0, 1e-9);
    ck_assert_double_eq_tol(out.bound, 8.0, 1e-9);
    ck_assert_double_eq_tol(am_lp_value(lp, c[0]), 1.0, 1e-9);
    ck_assert_double_eq_tol(am_lp_value(lp, c[1]), 0.0, 1e-9);
    ck_assert_double_eq_tol(am_lp_value(lp, c[2]), 1.0, 1e-9);
    am_lp_free(lp);
    am_arena_free(a);
}
END_TEST

START_TEST(a_stop_request_returns_the_start_solution_as_interrupted)
{
    am_arena *a = am_arena_new();
    int c[3];
    am_lp *lp = knapsack(a, c);
    const double start[3] = {1, 0, 0}; /* feasible, objective 5 */
    volatile sig_atomic_t stop = 1;
    am_lp_solve_params p = {.integral_objective = true, .start = start, .stop = &stop};
    am_lp_outcome out;
    am_error err = {0};
    ck_assert_int_eq(am_lp_solve(lp, &p, &out, &err), AM_OK);
    ck_assert_int_eq(out.end, AM_LP_END_INTERRUPTED);
    ck_assert(out.has_solution);
    ck_assert_double_eq_tol(out.objective, 5.0, 1e-9);
    am_lp_free(lp);
    am_arena_free(a);
}
END_TEST

START_TEST(an_empty_row_and_an_unknown_column_are_refused)
{
    am_arena *a = am_arena_new();
    am_lp *lp = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_lp_new(a, &lp, &err), AM_OK);
    int x = am_lp_add_col(lp, AM_LP_CONTINUOUS, 0, 1, 1);
    am_lp_row_begin(lp);
    ck_assert_int_eq(am_lp_row_add(lp, x, 1, &err), AM_OK);
    ck_assert_int_eq(am_lp_row_add(lp, x, -1, &err), AM_OK); /* cancels out: empty */
    ck_assert_int_eq(am_lp_row_end(lp, AM_LP_LE, 0, 1, &err), AM_EINTERNAL);
    am_error err2 = {0};
    ck_assert_int_eq(am_lp_row_add(lp, 7, 1, &err2), AM_EINTERNAL);
    am_lp_free(lp);
    am_arena_free(a);
}
END_TEST

/* Columns added after a solve (the fast path's pricing) and a fixed binary column. The knapsack's
 * LP relaxation is 8 + 4/3 (above) with dual 4/3 on the row (b's value per unit of weight). A new
 * item d (value 3, weight 1) prices at 3 - 4/3 > 0 and joins; the LP becomes a = c = d = 1,
 * b = 0 (weight 4): 11, the MIP optimum too. With a fixed at 0, the best of b (4, weight 3),
 * c and d (3, weight 1 each) within weight 4 is {b, c} or {b, d}: 7. */
START_TEST(a_column_added_after_a_solve_and_a_fixed_column_are_honoured)
{
    am_arena *a = am_arena_new();
    int c[3];
    am_lp *lp = knapsack(a, c);
    am_lp_solve_params lp_only = {.integral_objective = true, .lp_only = true};
    am_lp_outcome out;
    am_error err = {0};
    ck_assert_int_eq(am_lp_solve(lp, &lp_only, &out, &err), AM_OK);
    ck_assert_double_eq_tol(out.objective, 8.0 + 4.0 / 3.0, 1e-9);
    ck_assert_double_eq_tol(am_lp_row_dual(lp, 0), 4.0 / 3.0, 1e-9);
    int row = 0;
    double one = 1.0;
    int d = am_lp_add_col_in(lp, AM_LP_BINARY, 0, 1, 3, 1, &row, &one);
    ck_assert_int_eq(d, 3);
    ck_assert_int_eq(am_lp_n_nonzeros(lp), 4);
    ck_assert_int_eq(am_lp_add_col_in(lp, AM_LP_BINARY, 0, 1, 3, 1, (int[]){7}, &one), -1);
    ck_assert_int_eq(am_lp_solve(lp, &lp_only, &out, &err), AM_OK);
    ck_assert_double_eq_tol(out.objective, 11.0, 1e-9);
    am_lp_solve_params mip = {.integral_objective = true};
    ck_assert_int_eq(am_lp_solve(lp, &mip, &out, &err), AM_OK);
    ck_assert_int_eq(out.end, AM_LP_END_OPTIMAL);
    ck_assert_double_eq_tol(out.objective, 11.0, 1e-9);
    am_lp_set_col_bounds(lp, c[0], 0, 0);
    ck_assert_int_eq(am_lp_solve(lp, &mip, &out, &err), AM_OK);
    ck_assert_double_eq_tol(out.objective, 7.0, 1e-9);
    ck_assert_double_eq_tol(am_lp_value(lp, c[0]), 0.0, 1e-9);
    am_lp_free(lp);
    am_arena_free(a);
}
END_TEST

/* A column added after a solve and fixed before the next one (the fast path's branch-and-bound
 * passes fix pairs they just brought in): GLPK does not have it yet, so the bound waits in the
 * model until the column is loaded. The knapsack plus d (value 3, weight 1) fixed at 0 is the
 * knapsack again: 8. Before the fix, this was GLPK's fatal error, an abort of the process. */
START_TEST(a_column_fixed_before_glpk_has_it_is_loaded_fixed)
{
    am_arena *a = am_arena_new();
    int c[3];
    am_lp *lp = knapsack(a, c);
    am_lp_solve_params lp_only = {.integral_objective = true, .lp_only = true};
    am_lp_outcome out;
    am_error err = {0};
    ck_assert_int_eq(am_lp_solve(lp, &lp_only, &out, &err), AM_OK);
    int row = 0;
    double one = 1.0;
    int d = am_lp_add_col_in(lp, AM_LP_BINARY, 0, 1, 3, 1, &row, &one);
    am_lp_set_col_bounds(lp, d, 0, 0);
    am_lp_solve_params mip = {.integral_objective = true};
    ck_assert_int_eq(am_lp_solve(lp, &mip, &out, &err), AM_OK);
    ck_assert_int_eq(out.end, AM_LP_END_OPTIMAL);
    ck_assert_double_eq_tol(out.objective, 8.0, 1e-9);
    ck_assert_double_eq_tol(am_lp_value(lp, d), 0.0, 1e-9);
    am_lp_free(lp);
    am_arena_free(a);
}
END_TEST

/* A node limit ends the search where the work says, not the clock: the knapsack's root LP is
 * fractional (9 1/3, above 8 by more than 1), so after the first node the search stops with
 * the best it has (the start, 5, or better) and no proof. */
START_TEST(a_node_limit_stops_the_search_unproven)
{
    am_arena *a = am_arena_new();
    int c[3];
    am_lp *lp = knapsack(a, c);
    const double start[3] = {1, 0, 0};
    am_lp_solve_params p = {.integral_objective = true, .start = start, .max_nodes = 1};
    am_lp_outcome out;
    am_error err = {0};
    ck_assert_int_eq(am_lp_solve(lp, &p, &out, &err), AM_OK);
    ck_assert_int_eq(out.end, AM_LP_END_TIME_LIMIT);
    ck_assert(out.has_solution && out.objective >= 5.0 - 1e-9);
    am_lp_free(lp);
    am_arena_free(a);
}
END_TEST

/* Two problems alive at once (the fast path's endgame solves a second model while the first
 * waits): freeing the second leaves GLPK's environment to the first, which solves again and
 * is freed last. Before, freeing any problem freed the environment: the first then aborted. */
START_TEST(two_problems_alive_at_once_each_solve_and_free_in_any_order)
{
    am_arena *a = am_arena_new();
    int c1[3], c2[3];
    am_lp *first = knapsack(a, c1), *second = knapsack(a, c2);
    am_lp_solve_params mip = {.integral_objective = true};
    am_lp_outcome out;
    am_error err = {0};
    ck_assert_int_eq(am_lp_solve(first, &mip, &out, &err), AM_OK);
    ck_assert_int_eq(am_lp_solve(second, &mip, &out, &err), AM_OK);
    ck_assert_double_eq_tol(out.objective, 8.0, 1e-9);
    am_lp_free(second);
    am_lp_set_col_bounds(first, c1[0], 0, 0); /* {b, c}: 7 */
    ck_assert_int_eq(am_lp_solve(first, &mip, &out, &err), AM_OK);
    ck_assert_int_eq(out.end, AM_LP_END_OPTIMAL);
    ck_assert_double_eq_tol(out.objective, 7.0, 1e-9);
    am_lp_free(first);
    am_arena_free(a);
}
END_TEST

/* max x + y  s.t.  x + y <= 1 (twice with `twice`), binary; the start x = 1 keeps the rows
 * tight. LP optimum 1. */
static am_lp *one_of_two(am_arena *a, bool twice, int *cols)
{
    am_lp *lp = NULL;
    am_error err = {0};
    ck_assert_int_eq(am_lp_new(a, &lp, &err), AM_OK);
    cols[0] = am_lp_add_col(lp, AM_LP_BINARY, 0, 1, 1);
    cols[1] = am_lp_add_col(lp, AM_LP_BINARY, 0, 1, 1);
    for (int r = 0; r < (twice ? 2 : 1); r++) {
        am_lp_row_begin(lp);
        ck_assert_int_eq(am_lp_row_add(lp, cols[0], 1, &err), AM_OK);
        ck_assert_int_eq(am_lp_row_add(lp, cols[1], 1, &err), AM_OK);
        ck_assert_int_eq(am_lp_row_end(lp, AM_LP_LE, 0, 1, &err), AM_OK);
    }
    return lp;
}

START_TEST(a_start_basis_with_a_column_in_place_of_a_tight_row_is_already_optimal)
{
    am_arena *a = am_arena_new();
    int c[2];
    am_lp *lp = one_of_two(a, false, c);
    const double start[2] = {1, 0};
    const int bcols[1] = {0}, brows[1] = {0};
    am_lp_solve_params p = {.start = start, .start_basis = true, .lp_only = true,
                            .basic_cols = bcols, .basic_rows = brows, .n_basic = 1};
    am_lp_outcome out;
    am_error err = {0};
    ck_assert_int_eq(am_lp_solve(lp, &p, &out, &err), AM_OK);
    ck_assert_int_eq(out.end, AM_LP_END_OPTIMAL);
    ck_assert_double_eq_tol(out.objective, 1.0, 1e-9);
    ck_assert_int_eq(out.lp_iterations, 0); /* x basic at 1, the row's dual 1: optimal */
    am_lp_free(lp);
    am_arena_free(a);
}
END_TEST

START_TEST(a_singular_start_basis_falls_back_to_the_slacks)
{
    am_arena *a = am_arena_new();
    int c[2];
    am_lp *lp = one_of_two(a, true, c);
    const double start[2] = {1, 0};
    const int bcols[2] = {0, 1}, brows[2] = {0, 1}; /* [[1 1] [1 1]]: singular */
    am_lp_solve_params p = {.start = start, .start_basis = true, .lp_only = true,
                            .basic_cols = bcols, .basic_rows = brows, .n_basic = 2};
    am_lp_outcome out;
    am_error err = {0};
    ck_assert_int_eq(am_lp_solve(lp, &p, &out, &err), AM_OK);
    ck_assert_int_eq(out.end, AM_LP_END_OPTIMAL);
    ck_assert_double_eq_tol(out.objective, 1.0, 1e-9);
    ck_assert_double_eq_tol(am_lp_value(lp, c[0]) + am_lp_value(lp, c[1]), 1.0, 1e-9);
    am_lp_free(lp);
    am_arena_free(a);
}
END_TEST

static Suite *lp_suite(void)
{
    Suite *s = suite_create("lp");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, knapsack_is_solved_to_its_hand_computed_optimum);
    tcase_add_test(tc, a_stop_request_returns_the_start_solution_as_interrupted);
    tcase_add_test(tc, an_empty_row_and_an_unknown_column_are_refused);
    tcase_add_test(tc, a_column_added_after_a_solve_and_a_fixed_column_are_honoured);
    tcase_add_test(tc, a_column_fixed_before_glpk_has_it_is_loaded_fixed);
    tcase_add_test(tc, two_problems_alive_at_once_each_solve_and_free_in_any_order);
    tcase_add_test(tc, a_node_limit_stops_the_search_unproven);
    tcase_add_test(tc, a_start_basis_with_a_column_in_place_of_a_tight_row_is_already_optimal);
    tcase_add_test(tc, a_singular_start_basis_falls_back_to_the_slacks);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(lp_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
