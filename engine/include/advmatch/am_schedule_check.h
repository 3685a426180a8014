/* engine/include/advmatch/am_schedule_check.h: the independent checker of a meeting schedule.
 * From the instance, the groups and the schedule alone it re-derives every scheduling rule
 * (docs/formulation.md, "Meetings") and the objective; it shares no code with the model. */
#ifndef ADVMATCH_AM_SCHEDULE_CHECK_H
#define ADVMATCH_AM_SCHEDULE_CHECK_H

#include "advmatch/am_diags.h"
#include "advmatch/am_schedule.h"

typedef struct am_schedule_report {
    int n_violations;     /* rules broken (each listed in the diags) */
    int n_mismatches;     /* claimed attendance, absence, objective differ */
    long long objective;  /* recomputed */
    int n_meetings;       /* scheduled, fixed included */
    int n_missing;        /* meetings required but not scheduled */
} am_schedule_report;

/* Check `s` against `inst` (frozen, valid, with a calendar) and `groups`. Rules: every meeting
 * on a working day inside its half's window and outside the county's blackout (fixed meetings
 * exempt); the group's leader available; at least ceil(min_attendance x members) members
 * available; attending = exactly the available members, absent = the rest; no expert at two
 * meetings of different groups fewer than 7 days apart (same day included); at most
 * max_per_province_per_day meetings per province and day; every (group, half) has
 * meetings_per_half meetings or an unscheduled entry with the right count; every fixed meeting
 * of the instance present unchanged; the objective. Each problem is an error in `d` with record
 * "county <id>" and the rule as field. AM_OK or AM_ENOMEM. */
am_status am_schedule_check(const am_instance *inst, const am_result *groups,
                            const am_schedule *s, am_diags *d, am_schedule_report *out,
                            am_error *err);

#endif
