/* engine/include/advmatch/am_schedule.h: a year of consultation meetings for the groups of a
 * result: each meeting's county, half, date, mode, who attends and who is absent and why, plus
 * the (county, half) pairs left without their meetings and why. A schedule refers to experts
 * and counties by index into the instance it was made for, which must outlive it; its own
 * arena owns every array and reason it was given (copied). */
#ifndef ADVMATCH_AM_SCHEDULE_H
#define ADVMATCH_AM_SCHEDULE_H

#include <stdbool.h>

#include "advmatch/am_error.h"
#include "advmatch/am_instance.h"
#include "advmatch/am_result.h"

typedef struct am_sched_meeting {
    int county;               /* county index */
    int half;                 /* 0 = H1, 1 = H2 */
    am_date date;
    am_mode mode;
    bool fixed;   /* not chosen by the scheduler: one of the instance's meetings[] (exempt from the
                   * day rules) or kept from a previous schedule (held to every rule); worth 0 */
    const int *attending;     /* expert indexes, ascending */
    int n_attending;
    const int *absent;        /* expert indexes, ascending */
    const char *const *absent_reason; /* one line each, e.g. "unavailable 2026-03-02..2026-03-13" */
    int n_absent;
} am_sched_meeting;

typedef struct am_sched_unscheduled {
    int county;
    int half;
    int missing;        /* meetings of that half not scheduled (>= 1) */
    const char *reason; /* one line a coordinator can act on */
} am_sched_unscheduled;

typedef struct am_schedule am_schedule;

/* A new empty schedule for `inst` (frozen); caller frees with am_schedule_free(). AM_ENOMEM. */
am_status am_schedule_new(const am_instance *inst, am_schedule **out, am_error *err);
void am_schedule_free(am_schedule *s);

void am_schedule_set_outcome(am_schedule *s, am_outcome o, long long objective, bool has_bound,
                             double bound, double gap);

/* Append a copy of `m` (its arrays and reasons are copied). AM_ENOMEM only. */
am_status am_schedule_add_meeting(am_schedule *s, const am_sched_meeting *m, am_error *err);
am_status am_schedule_add_unscheduled(am_schedule *s, int county, int half, int missing,
                                      const char *reason, am_error *err);

/* Sort meetings by (county, half, date) and unscheduled entries by (county, half). Call once
 * after adding. */
void am_schedule_finish(am_schedule *s);

const am_instance *am_schedule_instance(const am_schedule *s);
am_outcome am_schedule_outcome(const am_schedule *s);
long long am_schedule_objective(const am_schedule *s);
bool am_schedule_has_bound(const am_schedule *s);
double am_schedule_bound(const am_schedule *s);
double am_schedule_gap(const am_schedule *s);
int am_schedule_n_meetings(const am_schedule *s);
const am_sched_meeting *am_schedule_meeting(const am_schedule *s, int i); /* borrowed */
int am_schedule_n_unscheduled(const am_schedule *s);
const am_sched_unscheduled *am_schedule_unscheduled(const am_schedule *s, int i);

/* ---- the objective, shared definition (docs/formulation.md, "Meetings") ----
 * A scheduled meeting that is not fixed is worth  A * attending + timing,  where
 *   L = the longest half window in days, A = L + 1 (one more attendee outweighs any timing),
 *   timing = (H1: window end - date; H2: date - window start) if plan_early_summary_late, else 0.
 * Each meeting left unscheduled costs P = 1 + N * (A * S + L), where N is the number of meetings
 * a year asks for (groups with members x 2 halves x meetings_per_half) and S the largest group,
 * so scheduling one more meeting beats anything else the other meetings could gain. Fixed
 * meetings are worth 0 (they are not a choice).
 * These helpers compute A, L and P for an instance and result; the model and the checker each
 * use them only for the weights, never for feasibility. */
typedef struct am_sched_weights {
    long long L, A, P;
} am_sched_weights;
void am_sched_weights_compute(const am_instance *inst, const am_result *groups,
                              am_sched_weights *w);

#endif
