/* engine/am_schedule_check_impl.h: the state of one am_schedule_check call, shared by
 * am_schedule_check.c (each meeting's day rules and attendance lists) and
 * am_schedule_check_year.c (spacing, province caps, counts, fixed meetings, objective).
 * Private to engine/; it must never include anything of models/. */
#ifndef ADVMATCH_AM_SCHEDULE_CHECK_IMPL_H
#define ADVMATCH_AM_SCHEDULE_CHECK_IMPL_H

#include <stdbool.h>

#include "advmatch/am_arena.h"
#include "advmatch/am_schedule_check.h"

/* What the checker derived about meeting i of the schedule. */
typedef struct sc_meeting {
    bool valid;     /* county and half in range */
    bool exempt;    /* one of the instance's fixed meetings, marked fixed: no day rules */
    int n_avail;    /* members available that day (recomputed) */
} sc_meeting;

typedef struct sched_checker {
    const am_instance *inst;
    const am_result *groups;
    const am_schedule *s;
    const am_calendar *cal;
    am_diags *d;
    am_schedule_report *rep;
    am_arena *arena;    /* per call: every array below */
    am_status st;       /* AM_ENOMEM once a finding could not be stored */
    int n_counties, n_experts;
    sc_meeting *m;      /* per schedule meeting */
    int *fixed_hits;    /* per instance meeting: schedule meetings matching it (county, date) */
    int *count;         /* per county x half: meetings scheduled (fixed included) */
    int *count_free;    /* per county x half: of those, not fixed */
    int *mark;          /* per expert, stamps i + 1 of the meeting being checked: a member */
    int *att_mark;      /* ... listed as attending */
    int *abs_mark;      /* ... listed as absent */
} sched_checker;

/* Add an error to the diags with record "county <id>" (or "schedule" when county < 0) and
 * count it as a violation (a rule broken) or a mismatch (a claimed value differs). */
void sc_flag(sched_checker *ck, bool violation, int county, const char *field, const char *fmt,
             ...) __attribute__((format(printf, 5, 6)));

/* Members of county c's group (0 when c is not a group of the result). */
int sc_n_members(const sched_checker *ck, int c);

/* Is expert e available on d? If not and `why` is given, *why is the range that covers d. */
bool sc_available(const sched_checker *ck, int e, am_date d, am_range *why);

/* "H1" / "H2". */
const char *sc_half_name(int half);

/* The year-wide rules: spacing, province caps, meeting counts and unscheduled entries, the
 * instance's fixed meetings, and the objective (am_schedule_check_year.c). */
void sc_check_spacing(sched_checker *ck);
void sc_check_province_cap(sched_checker *ck);
void sc_check_counts(sched_checker *ck);
void sc_check_fixed(sched_checker *ck);
void sc_check_objective(sched_checker *ck);

#endif
