/* tests/support/am_test.h: small helpers shared by the Check test binaries, and the fixtures
 * of the test files split in two (the checker's hand-built instance, the meeting scheduler's
 * tiny worlds). Each aborts the current test (ck_abort_msg) on failure, so tests stay short. */
#ifndef ADVMATCH_AM_TEST_H
#define ADVMATCH_AM_TEST_H

#include <stddef.h>

#include "advmatch/am_check.h"
#include "advmatch/am_diags.h"
#include "advmatch/am_instance.h"
#include "advmatch/am_result.h"
#include "advmatch/am_schedule.h"

/* Absolute path of `rel` under the source tree (static buffer, valid until the next call). */
const char *amt_path(const char *rel);

/* Contents of the file `rel` (under the source tree); caller frees with free(). */
char *amt_slurp(const char *rel, size_t *len);

/* All diagnostics of `d`, one formatted line each (am_diag_format), joined by '\n'.
 * Caller frees with free(). */
char *amt_diags_text(const am_diags *d);

/* A frozen instance read from the advmatch-instance/1 text `json`, which must have no error
 * (the test fails otherwise). Caller frees with am_instance_free(). */
am_instance *amt_read_instance(const char *json);

/* ---- the checker's hand-built instance (test_check.c, test_check_rules.c) ----
 * The instance. Guizhou 52 (west, partner Guangdong 44), Guangdong 44, Beijing 11, Yunnan 53
 * (west, no partner). Policy: size 3..4..5, local 1..1, pairing 1..1, max_same_org 2; default
 * penalties (leader 1000, size 100, local 100, pairing 100, industry 50, stage 30, over_target 4)
 * and preference bonus 2.
 *   A = 520623 (52), priority 2, tea w3 + kiwifruit w2, stages production + processing,
 *       prefers N1, recommends L1 and L3.
 *   B = 530128 (53), priority 1, coffee w2, stage production.
 * Experts (level, province, org, fields, stages, capacity/leader capacity):
 *   N1 national 11 CAAS {tea, coffee} production 2/1, prefers A
 *   N2 national 11 CAU {kiwifruit} processing 1/1
 *   N3 national 11 NJAU {tea} 1/0          N4 national 11 HZAU {tea, coffee} 1/1
 *   G1 provincial 44 SCAU {tea} production  G2 national 44 SCAU {tea}
 *   L1 local 52 home A, no fields, production   L2 local 52 home A {tea} (not recommended)
 *   L3 local 52 home A {tea}
 *   P1 provincial 52 GZU {tea}   P2 provincial 52 GZU {walnut}   P3 provincial 52 GZU {kiwifruit}
 *   C0 provincial 52 GZU2 {tea} capacity 0
 *   D1 provincial 52 GZU3 {tea} declines A   I1 provincial 52 GZU4 {tea} inactive
 *   X1 provincial 11 BJ {tea}    Y1 provincial 53 YNAU {coffee} production */

/* The policy above: size 3..4..5, local 1..1, pairing 1..1, max_same_org 2, defaults otherwise. */
am_policy amt_check_policy(void);

/* The frozen instance above under `pol` (no diagnostic). Caller frees with am_instance_free(). */
am_instance *amt_check_instance(const am_policy *pol);

/* A member "ID:role:channel:score" of county `county`; role L = leader, M = member. */
void amt_check_add(am_result *res, const am_instance *inst, const char *county, const char *id,
                   char role, am_channel ch, long long score);

/* A claimed shortfall of county `county`. */
void amt_check_add_short(am_result *res, const am_instance *inst, const char *county,
                         am_rule rule, int missing, const char *detail);

/* The correct result (priority of A = 2, of B = 1):
 *   A: N1 leader national: 2 x 3 (tea) + 2 (A prefers N1) + 2 (N1 prefers A) = 10
 *      L1 local: no field = 0;  G1 paired: 2 x 3 = 6;  P1 province: 2 x 3 = 6   -> scores 22
 *      4 members = target; one leader; one local; one paired; orgs all different.
 *      kiwifruit uncovered: 50 x 2 x 2 = 200; processing uncovered: 30 x 2 = 60 -> penalty 260
 *   B: Y1 province: 1 x 2 (coffee) = 2                                          -> scores 2
 *      size 1 < 3: 2 missing x 100 = 200; no leader 1000; no local member: 100;
 *      Yunnan has no partner, so no pairing shortfall; coffee and production covered
 *                                                                               -> penalty 1300
 *   objective = 22 + 2 - 260 - 1300 = -1536
 * It claims `objective` (optimal, bound = objective) and is not finished yet. Caller frees with
 * am_result_free(). */
am_result *amt_check_correct_result(const am_instance *inst, long long objective);

/* Check `res` (finished here) and return the findings as text; caller frees. */
char *amt_check_run(const am_instance *inst, am_result *res, am_check_report *rep);

/* Check and expect exactly the given findings (lines, each ended by '\n'). */
void amt_check_expect(const am_instance *inst, am_result *res, int n_violations,
                      int n_mismatches, const char *text);

/* ---- the meeting scheduler's tiny worlds (test_meetings.c, test_meetings_property.c) ---- */

/* The date `s` ("YYYY-MM-DD"); the test fails if it does not parse. */
am_date amt_date(const char *s);

/* A tiny world: counties and experts from short specs, then groups. */
typedef struct amt_cspec {
    const char *id, *province;
    const char *blackout[4]; /* "from..to" */
} amt_cspec;
typedef struct amt_espec {
    const char *id;
    const char *unavailable[4]; /* "from..to" */
} amt_espec;
typedef struct amt_world {
    am_calendar_rec cal;
    am_date holidays[4], workdays[4];
    const amt_cspec *counties;
    const amt_espec *experts;
    const char *meetings[4]; /* fixed: "county:date:mode" */
} amt_world;

/* Calendar: year 2026, no holiday, no exchanged working day, H1 = 2026-02-02..2026-02-13,
 * H2 = 2026-09-21..2026-10-09, am_calendar_rec_init's defaults otherwise; no county, no expert,
 * no fixed meeting. */
void amt_world_init(amt_world *w);

/* The frozen instance of `w`: provinces 52 and 53 (west); counties of priority 1; experts
 * national of province 52, each its own org, capacity and leader capacity 5. The test fails on
 * any error diagnostic. Caller frees with am_instance_free(). */
am_instance *amt_world_build(const amt_world *w);

/* groups: "county:E1*,E2,E3" (the starred expert leads); NULL-terminated. The result is
 * finished; caller frees with am_result_free(). */
am_result *amt_world_groups(const am_instance *inst, const char *const *spec);

/* am_meetings with default parameters and previous schedule `prev` (may be NULL); the test
 * fails unless it returns AM_OK with an optimal schedule whose bound equals its objective.
 * Caller frees with am_schedule_free(). */
am_schedule *amt_world_schedule(const am_instance *inst, const am_result *res,
                                const am_schedule *prev);

#endif
